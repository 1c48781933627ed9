// QueryRobotInfoList: the account's robots in id order, optionally by audit status (docs/api/QueryRobotInfoList.md).
import { defineAction } from '../action.js';
import { listRobots } from '../../app/task-queries.js';
import { oneOf, optional } from '../param-schema.js';
import { AUDIT_STATUSES } from '../../domain/types.js';
import { formatJavaDate } from '../../domain/zoned-time.js';

export default defineAction({
  params: { AuditStatus: optional(oneOf(AUDIT_STATUSES)) },
  async handle(p, ctx) {
    const robots = (await listRobots(ctx)).filter((r) => !p.AuditStatus || r.auditStatus === p.AuditStatus);
    return {
      Data: JSON.stringify(robots.map((r) => ({
        id: r.id,
        robotName: r.name,
        robotType: r.robotType,
        auditStatus: r.auditStatus,
        gmtCreate: formatJavaDate(r.createdAt, ctx.timezone),
        gmtModified: formatJavaDate(r.modifiedAt, ctx.timezone),
        partnerId: r.accountId,
        asrId: r.asrId,
        asrType: r.asrType,
        remark: r.remark,
      }))),
    };
  },
});
