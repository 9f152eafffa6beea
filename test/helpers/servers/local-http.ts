import http from 'node:http';
import type net from 'node:net';

export interface LocalHttp {
  origin: string;
  /** Closes the server and every open connection, hanging requests included. */
  stop(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 (a free port) that hands each request over with its whole body read. */
export async function listenLocalHttp(
  onRequest: (request: http.IncomingMessage, response: http.ServerResponse, body: string) => void,
): Promise<LocalHttp> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => onRequest(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
