// A first robot task through Alibaba's own clients: create, upload, start, then read it back.
// Run against a server started with `npm start`:
//   ROBOTCALL_ACCESS_KEY_ID=… ROBOTCALL_ACCESS_KEY_SECRET=… node examples/first-task.cjs
const RPCClient = require('@alicloud/pop-core');
const OpenApi = require('@alicloud/openapi-client');
const OpenApiUtil = require('@alicloud/openapi-util').default;
const { RuntimeOptions } = require('@alicloud/tea-util');

const accessKeyId = process.env.ROBOTCALL_ACCESS_KEY_ID;
const accessKeySecret = process.env.ROBOTCALL_ACCESS_KEY_SECRET;
const host = process.env.ROBOTCALL_HOSTPORT || '127.0.0.1:8080';

async function main() {
  // pop-core (v1 signatures): the endpoint is a full URL with its scheme.
  const pop = new RPCClient({ accessKeyId, accessKeySecret, endpoint: `http://${host}`, apiVersion: '2017-05-25' });
  const created = await pop.request('CreateRobotTask', {
    TaskName: '回访任务0601',          // at most 30 characters
    DialogId: 1000000075003,           // a robot of yours that passed audit: see QueryRobotInfoList
    Caller: '057156860006',            // one of your caller numbers (every account has the demo ones)
    CorpName: '某某科技有限公司',
    NumberStatusIdent: false,
    RetryType: 1,                      // redial on busy or no answer:
    RecallStateCodes: '200002,200003',
    RecallTimes: 2,
    RecallInterval: 5,                 // minutes
  }, { method: 'POST' });
  const taskId = created.Data;         // a string of digits
  await pop.request('UploadRobotTaskCalledFile', {
    Id: taskId,
    CalledNumber: '13800138000,13902200002',
    TtsParamHead: JSON.stringify(['name']),
    TtsParam: JSON.stringify([{ number: 'all', params: ['客户'] }]),
  }, { method: 'POST' });
  await pop.request('StartRobotTask', { TaskId: taskId }, { method: 'POST' });

  // openapi-client (V3 signatures, what the generated Dyvmsapi SDK sends): host:port only, protocol http.
  const client = new OpenApi.default(new OpenApi.Config({ accessKeyId, accessKeySecret, endpoint: host, protocol: 'http' }));
  const params = new OpenApi.Params({
    action: 'QueryRobotTaskDetail', version: '2017-05-25', protocol: 'HTTPS', pathname: '/', method: 'POST',
    authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
  });
  const request = new OpenApi.OpenApiRequest({ query: OpenApiUtil.query({ Id: taskId }) });
  const res = await client.callApi(params, request, new RuntimeOptions({}));
  // Business errors come back with HTTP 200: check Code before reading Data (a JSON text).
  if (res.body.Code !== 'OK') throw new Error(`${res.body.Code}: ${res.body.Message}`);
  const task = JSON.parse(res.body.Data);
  console.log(`task ${task.id} ${task.taskName}: ${task.status}`);
}

main().catch((err) => { console.error(err.message); process.exit(1); });
