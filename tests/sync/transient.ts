/** What a sync run may fail with on a bad link: no connection, a cut answer, a gateway's 5xx — never a refusal. */
export const TRANSIENT = /无法连接中心|连接中心超时|连接中断|网关繁忙|HTTP 5\d\d/;
