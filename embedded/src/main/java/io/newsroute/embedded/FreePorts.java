package io.newsroute.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks free loopback ports for services that need their port before they bind (the KRaft controller
 * must be named in {@code controller.quorum.voters}). Another process can take a port between the pick
 * and the bind; callers retry the start-up when that happens.
 */
final class FreePorts {

    private FreePorts() {
    }

    /** {@code count} distinct ports that were free on 127.0.0.1 a moment ago. */
    static int[] pick(int count) {
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                // all sockets stay open until every port is chosen, so the ports are distinct
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing was bound through it; the port is released either way
                }
            }
        }
    }
}
