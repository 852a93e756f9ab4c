/** Stable error codes: clients and tests match on these, never on the Chinese message. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_RECORD: 409,
  ILLEGAL_TRANSITION: 409,
  DUPLICATE: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One field's problem, in Chinese, for the error summary and the message beside the field. */
/** The message of a STALE_RECORD error: the record was saved by someone else since it was read (optimistic locking). */
export const STALE_MESSAGE = '此记录已被他人修改，请刷新后重试。';

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { fields?: FieldError[] } & Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  get fields(): FieldError[] {
    return this.details?.fields ?? [];
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Shorthand for a validation failure naming each bad field. */
export function validationError(fields: FieldError[], message?: string): AppError {
  return new AppError('VALIDATION_FAILED', message ?? `提交的内容有 ${fields.length} 处需要修改：${fields.map((f) => f.message).join('；')}`, { fields });
}
