// Action name → definition: the single dispatch point. Names are exactly as on the wire.
import type { ActionDef } from './action.js';
import BatchRobotSmartCall from './actions/BatchRobotSmartCall.js';
import CancelOrderRobotTask from './actions/CancelOrderRobotTask.js';
import CancelRobotTask from './actions/CancelRobotTask.js';
import CreateRobotTask from './actions/CreateRobotTask.js';
import DeleteRobotTask from './actions/DeleteRobotTask.js';
import QueryCallDetailByTaskId from './actions/QueryCallDetailByTaskId.js';
import QueryRobotInfoList from './actions/QueryRobotInfoList.js';
import QueryRobotTaskCallDetail from './actions/QueryRobotTaskCallDetail.js';
import QueryRobotTaskCallList from './actions/QueryRobotTaskCallList.js';
import QueryRobotTaskDetail from './actions/QueryRobotTaskDetail.js';
import QueryRobotTaskList from './actions/QueryRobotTaskList.js';
import QueryRobotv2AllList from './actions/QueryRobotv2AllList.js';
import StartRobotTask from './actions/StartRobotTask.js';
import StopRobotTask from './actions/StopRobotTask.js';
import UploadRobotTaskCalledFile from './actions/UploadRobotTaskCalledFile.js';

export const ACTIONS: Readonly<Record<string, ActionDef>> = {
  CreateRobotTask, UploadRobotTaskCalledFile, StartRobotTask, StopRobotTask, CancelOrderRobotTask, CancelRobotTask,
  DeleteRobotTask, QueryRobotTaskDetail, QueryRobotTaskList, QueryRobotInfoList, QueryRobotv2AllList,
  QueryRobotTaskCallList, QueryRobotTaskCallDetail, BatchRobotSmartCall, QueryCallDetailByTaskId,
} as Record<string, ActionDef>;

/**
 * Dyvmsapi actions robotcall knows but does not serve (yet): they answer InvalidAction.NotFound
 * with a message saying so, instead of pretending to work.
 */
export const NOT_IMPLEMENTED: Readonly<Record<string, string>> = {
  QueryCallDetailByCallId: 'not supported: generic call records of other VMS products',
  SmartCall: 'not supported: a callback-driven single call, outside robot tasks',
  SmartCallOperate: 'not supported: acts on SmartCall calls',
};
