// 知识库 numbers a province may change. GB/T 44191-2024 (知识库建设指南) asks for a review and update cycle without
// fixing it nationally; 重庆市12345热线运行管理办法: "谁提供、谁维护、谁更新". The numbers are local practice [U].
export interface KbConfig {
  /** an entry must be re-confirmed by its owner this many months after its last review */
  reviewIntervalMonths: number;
  /** the overdue-review list also shows entries due within this many days */
  dueSoonDays: number;
  /** search results per page */
  pageSize: number;
}

export const DEFAULT_KB_CONFIG: KbConfig = { reviewIntervalMonths: 6, dueSoonDays: 30, pageSize: 20 };
