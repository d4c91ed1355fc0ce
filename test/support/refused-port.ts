/**
 * A local address nobody answers, for tests of "connection refused": port 0 on 127.0.0.1.
 * Port 0 can be listened on (the system then picks a port) but never connected to, so a
 * connection is refused at once (ECONNREFUSED), every time. A port found by binding and
 * then releasing it is not safe: another process — another test file — may take it in
 * between.
 */
export const REFUSED_PORT = 0;

