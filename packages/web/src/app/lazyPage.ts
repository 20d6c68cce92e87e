import { lazy, type ComponentType } from 'react';
import { loadArea } from '../i18n';

/**
 * A page loaded when it is first shown (its code is a chunk of its own), together with the signed-in app's words in
 * the reader's language, so that no page renders before its words are there. Render it inside a Suspense.
 */
// `any` as React's own lazy() takes it: a page's props are whatever its module's export declares.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyPage<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy<M[K]>(async () => {
    const [module] = await Promise.all([load(), loadArea('app')]);
    return { default: module[name] };
  });
}
