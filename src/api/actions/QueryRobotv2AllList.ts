// QueryRobotv2AllList: every robot of the account as {id, robotName, robotType}; Data is a JSON
// array (the array reading of docs/api/QueryRobotv2AllList.md).
import { defineAction } from '../action.js';
import { listRobots } from '../../app/task-queries.js';

export default defineAction({
  params: {},
  async handle(_p, ctx) {
    const robots = await listRobots(ctx);
    return { Data: JSON.stringify(robots.map((r) => ({ id: r.id, robotName: r.name, robotType: r.robotType }))) };
  },
});
