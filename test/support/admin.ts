// Calls robotcall's own admin API (not the Alibaba surface) from tests.
export async function admin(port: number, method: string, route: string, body?: unknown, token?: string) {
  const res = await fetch(`http://127.0.0.1:${port}/_robotcall/${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export async function newKey(port: number, account?: string) {
  const r = await admin(port, 'POST', 'keys', account ? { account } : {});
  if (r.status !== 200) throw new Error(`creating a key failed: ${JSON.stringify(r.json)}`);
  return r.json as { AccountId: number; AccessKeyId: string; AccessKeySecret: string };
}
