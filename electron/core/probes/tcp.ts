import type { ServiceOfKind } from '../../../shared/services.ts';
import { connectTcp } from './connect.ts';
import { healthy, type ProbeEnv, type Verdict } from './context.ts';

export const tcpTarget = (host: string, port: number) =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

export async function probeTcp(service: ServiceOfKind<'tcp'>, env: ProbeEnv): Promise<Verdict> {
  const socket = await connectTcp(service.host, service.port, env.signal);
  socket.destroy();
  return healthy(`connected to ${tcpTarget(service.host, service.port)}`);
}
