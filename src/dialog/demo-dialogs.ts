// The dialogs of the demo robots (domain/seed.ts, same order) and the one a robot without a dialog
// runs. They exercise every feature of the format, so a default campaign yields varied records.
import type { Dialog } from './dialog-format.js';

const bye = { say: '感谢您的接听，祝您生活愉快，再见。', hangup: true as const };

/** 机器人: a property-visit invitation with intents of every counter kind and a transfer. */
const invitation: Dialog = {
  start: 'opening',
  nodes: {
    opening: {
      say: '您好${name}，我是${corp}的智能客服，最近我们有新楼盘开放参观，请问您现在方便听我介绍一下吗？',
      ask: {
        intents: [
          { kind: 'sure', keywords: ['方便', '可以', '好的', '你说'], next: 'offer' },
          { kind: 'deny', keywords: ['不方便', '在忙', '没空'], next: 'later', label: '改约' },
          { kind: 'reject', keywords: ['不需要', '别打了', '不感兴趣'], next: 'bye', label: '拒绝' },
          { kind: 'knowledge-common', keywords: ['你是谁', '哪里'], next: 'who' },
        ],
        default: 'offer',
      },
    },
    who: { say: '我是${corp}的智能客服，给您介绍新楼盘的参观活动。', next: 'offer' },
    offer: {
      say: '本周末有看房专车接送，到场还有礼品，请问您有兴趣参加吗？',
      ask: {
        intents: [
          { kind: 'sure', keywords: ['有兴趣', '参加', '好的', '可以'], next: 'agent', label: '有意向' },
          { kind: 'knowledge-business', keywords: ['多少钱', '价格', '单价'], next: 'price' },
          { kind: 'deny', keywords: ['没兴趣', '不参加', '不去'], next: 'bye', label: '无意向' },
          { kind: 'custom', keywords: ['已经买了', '有房'], next: 'bye', label: '有房' },
        ],
        default: 'bye',
      },
    },
    price: { say: '均价每平米两万八千元起，具体以售楼处为准。', label: '问价格', next: 'agent' },
    agent: { say: '好的，我这就为您转接置业顾问。', transfer: '057112345678' },
    later: { say: '好的，那我们稍后再联系您。', hangup: true },
    bye,
  },
};

/** 回访机器人: a satisfaction follow-up that branches on the callee's `level` variable. */
const followUp: Dialog = {
  start: 'route',
  nodes: {
    route: { branch: { var: 'level', cases: { vip: 'vip' }, default: 'survey' } },
    vip: { say: '尊敬的${name}会员您好，感谢您一直以来的支持。', label: 'VIP', next: 'survey' },
    survey: {
      say: '${name}您好，这里是${corp}客户回访，请问您对我们的服务满意吗？',
      ask: {
        intents: [
          { kind: 'sure', keywords: ['满意', '挺好', '不错'], next: 'bye', label: '满意' },
          { kind: 'deny', keywords: ['不满意', '一般', '太差'], next: 'complaint', label: '不满意' },
        ],
        default: 'bye',
      },
    },
    complaint: { say: '非常抱歉，我们会尽快安排专人与您联系。', next: 'bye' },
    bye,
  },
};

/** 催收提醒机器人 (under audit) and 营销机器人 (audit failed): short scripts, rarely run. */
const reminder: Dialog = {
  start: 'remind',
  nodes: {
    remind: { say: '${name}您好，您本期账单${amount}元将于近日到期，请按时还款。', next: 'bye' },
    bye,
  },
};
const marketing: Dialog = {
  start: 'pitch',
  nodes: { pitch: { say: '您好，我们的新产品正在限时优惠。', next: 'bye' }, bye },
};

export const DEMO_DIALOGS: readonly Dialog[] = [invitation, followUp, reminder, marketing];

/** What a robot created without a dialog says. */
export const FALLBACK_DIALOG: Dialog = {
  start: 'hello',
  nodes: { hello: { say: '您好，这里是${corp}，感谢您的接听，再见。', hangup: true } },
};

/** The dialog a robot speaks: its own, else its demo seed's, else the fallback. */
export function effectiveDialog(dialog: unknown, seedIndex: number | null): Dialog {
  return (dialog as Dialog | null) ?? (seedIndex !== null ? DEMO_DIALOGS[seedIndex] : undefined) ?? FALLBACK_DIALOG;
}
