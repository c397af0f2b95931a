import { createContext, use } from 'react';
import type { Me } from './auth.ts';

export const MeContext = createContext<Me | undefined>(undefined);

/** Who is signed in: their group decides what they see. */
export function useMe(): Me {
  const me = use(MeContext);
  if (!me) throw new Error('useMe outside the signed-in console');
  return me;
}
