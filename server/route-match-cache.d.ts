export type RouteMatchCacheStatus = { installed: boolean; reason?: string };
export function routerFile(): string;
export function patchedRouterSource(source: string): string | null;
export function installRouteMatchCache(): RouteMatchCacheStatus;
export const routeMatchCache: RouteMatchCacheStatus;
