import { useSyncExternalStore } from 'react';

/**
 * The screen in the URL's hash (`#/board`, `#/track/<id>`): a link can be
 * shared or reloaded, and the back button works. Four screens need no router.
 */
const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
  };
};
const current = () => window.location.hash.replace(/^#/, '') || '/';

export const useRoute = () => useSyncExternalStore(subscribe, current);

export function go(path: string): void {
  window.location.hash = path;
}
