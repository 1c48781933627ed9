// Hash routes (#/tasks, #/tasks/12, #/new, #/robots, #/robots/3, #/operator): the server serves one page at /console.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'tasks' }
  | { name: 'task'; id: number }
  | { name: 'new' }
  | { name: 'robots' }
  | { name: 'robot'; id: number; node: string | null }
  | { name: 'operator' }
  | { name: 'notFound'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\?.*$/, '');
  const parts = path.split('/').filter(Boolean);
  const [head, id, extra] = parts;
  const num = id !== undefined && /^\d{1,16}$/.test(id) ? Number(id) : null;
  if (parts.length === 0) return { name: 'tasks' };
  if (head === 'tasks' && parts.length === 1) return { name: 'tasks' };
  if (head === 'tasks' && num !== null && parts.length === 2) return { name: 'task', id: num };
  if (head === 'new' && parts.length === 1) return { name: 'new' };
  if (head === 'robots' && parts.length === 1) return { name: 'robots' };
  // #/robots/3/<node> points at one node card of the robot's dialog (a plain #anchor would leave the route).
  if (head === 'robots' && num !== null && parts.length <= 3) return { name: 'robot', id: num, node: extra === undefined ? null : safeDecode(extra) };
  if (head === 'operator' && parts.length === 1) return { name: 'operator' };
  return { name: 'notFound', path };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export const href = {
  tasks: () => '#/tasks',
  task: (id: number) => `#/tasks/${id}`,
  newTask: () => '#/new',
  robots: () => '#/robots',
  robot: (id: number, node?: string) => `#/robots/${id}${node === undefined ? '' : `/${encodeURIComponent(node)}`}`,
  operator: () => '#/operator',
};

export function navigate(to: string): void {
  if (location.hash !== to) location.hash = to;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** Same route, same screen: the key decides when a page's own state starts afresh. */
export function routeKey(route: Route): string {
  switch (route.name) {
    case 'task': return `task/${route.id}`;
    case 'robot': return `robot/${route.id}`;
    case 'notFound': return `notFound/${route.path}`;
    default: return route.name;
  }
}
