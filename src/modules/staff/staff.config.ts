/**
 * Numbers a province may tighten. Defaults follow common practice for government systems
 * (GB/T 22239-2019 等保 2.0: 登录失败处理、会话超时), not a national fixed figure.
 */
export interface StaffSettings {
  session: {
    /** a session ends after this long without a request */
    idleMinutes: number;
    /** and in any case this long after sign-in */
    maxHours: number;
    /** last_seen_at is written at most this often, so reading pages does not write on every request */
    touchSeconds: number;
  };
  signIn: {
    /** consecutive failures before the account locks */
    maxFailures: number;
    lockMinutes: number;
    /** attempts allowed per client address within windowSeconds */
    perIp: number;
    /** attempts allowed per username within windowSeconds */
    perUsername: number;
    windowSeconds: number;
  };
  password: {
    minLength: number;
    maxLength: number;
  };
}

export const DEFAULT_STAFF_SETTINGS: StaffSettings = {
  session: { idleMinutes: 8 * 60, maxHours: 7 * 24, touchSeconds: 60 },
  signIn: { maxFailures: 5, lockMinutes: 15, perIp: 30, perUsername: 10, windowSeconds: 10 * 60 },
  password: { minLength: 10, maxLength: 128 },
};
