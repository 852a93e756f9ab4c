import type { SiteIdentity } from '../../config.ts';
import type { Actor } from '../auth/actor.ts';

export interface Flash {
  kind: 'success' | 'error' | 'info';
  text: string;
}

/** What every page needs from the request: site identity, 长者模式, the CSRF token, the signed-in actor. */
export interface PageContext {
  site: SiteIdentity;
  baseUrl: string;
  /** 长者模式 (cookie gk_elder=1) */
  elder: boolean;
  csrfToken: string;
  actor: Actor | null;
  /** request path, for 长者模式 return links and active navigation */
  path: string;
  flash: Flash | null;
  assetVersion: string;
}
