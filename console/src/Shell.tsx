// The signed-in frame: top bar (account, balance, engine time, navigation, language, sign out) and the page of the route.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api';
import { formatYuan } from './format';
import { t } from './i18n';
import { LangSwitch } from './LangSwitch';
import { NewTaskPage } from './new-task/NewTaskPage';
import { OverviewContext, useOverviewLoader } from './overview';
import { RobotPage, RobotsPage } from './robots/RobotsPage';
import { href, routeKey, type Route } from './router';
import { TaskDetailPage } from './task/TaskDetailPage';
import { TasksPage } from './tasks/TasksPage';
import type { Session } from './types';

interface Props {
  session: Session;
  route: Route;
  onSignedOut: () => void;
}

export function Shell({ session, route, onSignedOut }: Props) {
  const state = useOverviewLoader();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const key = routeKey(route);

  useEffect(() => {
    state.refresh();
    setMenuOpen(false);
    document.title = `${pageTitle(route)} · robotcall`;
    // A new page: put the keyboard where a reader starts, its heading (a robot's node link focuses its node itself).
    if (route.name === 'robot' && route.node) return;
    requestAnimationFrame(() => mainRef.current?.querySelector<HTMLElement>('h1')?.focus());
  }, [key]);

  const signOut = async () => {
    try {
      await api('/session', { method: 'DELETE', own401: true });
    } finally {
      onSignedOut();
    }
  };

  const o = state.overview;
  const section = route.name === 'task' ? 'tasks' : route.name === 'robot' ? 'robots' : route.name;
  const link = (to: string, name: string, label: string) => (
    <a href={to} class="nav-link" aria-current={section === name ? 'page' : undefined}>{label}</a>
  );
  return (
    <OverviewContext.Provider value={state}>
      <button type="button" class="skip-link" onClick={() => mainRef.current?.focus()}>{t('nav.skip')}</button>
      <header class="topbar">
        <a class="brand" href={href.tasks()}>robotcall <span>{t('app.console')}</span></a>
        <div id="topbar-menu" class={`topbar-menu${menuOpen ? ' open' : ''}`}>
          <nav class="nav" aria-label={t('nav.label')}>
            {link(href.tasks(), 'tasks', t('nav.tasks'))}
            {link(href.newTask(), 'new', t('nav.newTask'))}
            {link(href.robots(), 'robots', t('nav.robots'))}
          </nav>
          <dl class="account-info">
            <div><dt>{t('top.account')}</dt><dd data-testid="account-name">{o?.account.name ?? session.account.name}</dd></div>
            <div><dt>{t('top.balance')}</dt><dd data-testid="balance">{o ? formatYuan(o.account.balanceFen) : '…'}</dd></div>
            <div><dt>{t('top.engineTime')}</dt><dd data-testid="engine-time" title={o?.timezone}>{o?.time ?? '…'}</dd></div>
          </dl>
        </div>
        {/* Language and sign-out stay in view on a phone; only the navigation and the account facts fold away. */}
        <div class="topbar-actions">
          <LangSwitch />
          <button type="button" class="btn btn-ghost" data-testid="sign-out" onClick={signOut}>{t('nav.signOut')}</button>
          <button type="button" class="btn btn-ghost menu-toggle" aria-expanded={menuOpen} aria-controls="topbar-menu"
            aria-label={t('nav.menu')} onClick={() => setMenuOpen(!menuOpen)}>☰</button>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} class="main">
        <Page route={route} key={key} />
      </main>
    </OverviewContext.Provider>
  );
}

function pageTitle(route: Route): string {
  switch (route.name) {
    case 'tasks': return t('tasks.title');
    case 'task': return t('task.title', { id: route.id });
    case 'new': return t('create.title');
    case 'robots': return t('robots.title');
    case 'robot': return t('robots.robot', { id: route.id });
    default: return t('notFound.title');
  }
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'tasks': return <TasksPage />;
    case 'task': return <TaskDetailPage id={route.id} />;
    case 'new': return <NewTaskPage />;
    case 'robots': return <RobotsPage />;
    case 'robot': return <RobotPage id={route.id} node={route.node} />;
    default:
      return (
        <section class="page">
          <h1 tabIndex={-1}>{t('notFound.title')}</h1>
          <p><a href={href.tasks()}>{t('notFound.back')}</a></p>
        </section>
      );
  }
}
