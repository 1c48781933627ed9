// A robot's dialog as a readable flow: a card per node (what it says, its label, where it goes), each target a link to its card.
import { INTENT_KIND_LABELS } from '../codes';
import { pick, t } from '../i18n';
import { href } from '../router';
import type { Dialog, DialogNode } from '../types';
import { orderNodes } from './dialog-order';

export const nodeElementId = (id: string) => `node-${encodeURIComponent(id)}`;

export function DialogFlow({ robotId, dialog }: { robotId: number; dialog: Dialog }) {
  const { reachable, unreachable } = orderNodes(dialog);
  const card = (id: string) => <NodeCard key={id} robotId={robotId} id={id} node={dialog.nodes[id]!} start={id === dialog.start} />;
  return (
    <div class="flow">
      {reachable.map(card)}
      {unreachable.length > 0 && (
        <>
          <h2 class="flow-divider">{t('dialog.unreachable')}</h2>
          {unreachable.map(card)}
        </>
      )}
    </div>
  );
}

function Say({ text }: { text: string }) {
  // ${var} is filled from the callee's TTS values: marked so the reader sees what varies per call.
  const parts = text.split(/(\$\{[^}]*\})/);
  return (
    <blockquote class="say">
      {parts.map((p, i) => (/^\$\{[^}]*\}$/.test(p) ? <mark class="var" key={i}>{p}</mark> : p))}
    </blockquote>
  );
}

function NodeCard({ robotId, id, node, start }: { robotId: number; id: string; node: DialogNode; start: boolean }) {
  const to = (target: string) => (
    <a class="flow-link" href={href.robot(robotId, target)}><span aria-hidden="true">→ </span><span class="mono">{target}</span></a>
  );
  return (
    <article class="card node-card" id={nodeElementId(id)} tabIndex={-1} data-testid="dialog-node" data-node-id={id} aria-labelledby={`${nodeElementId(id)}-h`}>
      <h3 id={`${nodeElementId(id)}-h`} class="node-head">
        <a href={href.robot(robotId, id)} class="mono">{id}</a>
        {start && <span class="badge badge-running">{t('dialog.start')}</span>}
        {node.label && <span class="chip">{t('dialog.label')}: {node.label}</span>}
      </h3>
      {node.say !== undefined && node.say !== '' ? <Say text={node.say} /> : <p class="muted">{t('dialog.silent')}</p>}
      {node.ask && (
        <div class="ending">
          <p class="ending-title">{t('dialog.ask')}</p>
          <ul class="intents">
            {node.ask.intents.map((intent, i) => (
              <li key={i}>
                <span class="chip chip-kind">{pick(INTENT_KIND_LABELS, intent.kind)}</span>{' '}
                {intent.keywords.map((k) => <q key={k} class="keyword">{k}</q>)}
                {intent.digits && intent.digits.length > 0 && <span class="muted"> · {t('dialog.keys')} {intent.digits.join(' ')}</span>}
                {intent.label && <span class="chip">{intent.label}</span>} {to(intent.next)}
              </li>
            ))}
            <li class="muted-item">{t('dialog.otherwise')} {to(node.ask.default)}</li>
          </ul>
        </div>
      )}
      {node.branch && (
        <div class="ending">
          <p class="ending-title">{t('dialog.branch', { v: node.branch.var })}</p>
          <ul class="intents">
            {Object.entries(node.branch.cases).map(([value, next]) => (
              <li key={value}><q class="keyword">{value}</q> {to(next)}</li>
            ))}
            <li class="muted-item">{t('dialog.otherValue')} {to(node.branch.default)}</li>
          </ul>
        </div>
      )}
      {node.next !== undefined && <p class="ending">{t('dialog.next')} {to(node.next)}</p>}
      {node.hangup && <p class="ending ending-end">{t('dialog.hangup')}</p>}
      {node.transfer !== undefined && <p class="ending ending-end">{t('dialog.transfer')} <span class="mono">{node.transfer}</span></p>}
    </article>
  );
}
