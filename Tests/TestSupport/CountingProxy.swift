import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A real HTTP CONNECT proxy on 127.0.0.1, as the client meets one in an office network:
/// it opens a tunnel to the host the client names and splices bytes both ways.
/// It counts the tunnels and the API requests that went through them, so a test can
/// prove that the client's calls really passed the proxy.
public final class CountingProxy: Sendable {
    public let port: Int
    public var url: String { "http://127.0.0.1:\(port)" }
    private let channel: Channel
    private let counts: NIOLockedValueBox<Counts>

    public struct Counts: Sendable {
        var tunnels: [String] = []  // the CONNECT targets, in order
        var requests = 0
    }

    public var tunnels: [String] { counts.withLockedValue { $0.tunnels } }
    public var requests: Int { counts.withLockedValue { $0.requests } }

    public init() async throws {
        let counts = NIOLockedValueBox(Counts())
        self.counts = counts
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(TunnelHandler(counts: counts))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    public func stop() async throws { try await channel.close() }
}

/// The client's side of one tunnel: reads the CONNECT head, dials the target, then copies bytes.
private final class TunnelHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let counts: NIOLockedValueBox<CountingProxy.Counts>
    private var head = ByteBuffer()
    private var pending: [ByteBuffer] = []  // bytes that came before the target answered
    private var peer: Channel?
    private var connecting = false

    init(counts: NIOLockedValueBox<CountingProxy.Counts>) { self.counts = counts }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        if let peer {
            countRequests(in: bytes)
            peer.writeAndFlush(bytes, promise: nil)
            return
        }
        if connecting { pending.append(bytes); return }
        head.writeBuffer(&bytes)
        let text = String(buffer: head)
        guard let end = text.range(of: "\r\n\r\n") else { return }
        let requestLine = text[..<end.lowerBound].split(separator: "\r\n").first ?? ""
        let parts = requestLine.split(separator: " ")
        guard parts.count == 3, parts[0] == "CONNECT", let colon = parts[1].lastIndex(of: ":"),
            let port = Int(parts[1][parts[1].index(after: colon)...])
        else {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "HTTP/1.1 405 Method Not Allowed\r\n\r\n")))
                .whenComplete { _ in context.close(promise: nil) }
            return
        }
        let host = String(parts[1][..<colon])
        counts.withLockedValue { $0.tunnels.append("\(host):\(port)") }
        connecting = true
        let client = context.channel
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        ClientBootstrap(group: context.eventLoop)
            .channelInitializer { peer in
                peer.eventLoop.makeCompletedFuture {
                    try peer.pipeline.syncOperations.addHandler(CopyHandler(to: client))
                }
            }
            .connect(host: host, port: port)
            .whenComplete { result in
                let (handler, context) = loopBound.value
                switch result {
                case .success(let peer):
                    handler.peer = peer
                    handler.connecting = false
                    context.writeAndFlush(
                        handler.wrapOutboundOut(ByteBuffer(string: "HTTP/1.1 200 Connection established\r\n\r\n")),
                        promise: nil)
                    for b in handler.pending {
                        handler.countRequests(in: b)
                        peer.writeAndFlush(b, promise: nil)
                    }
                    handler.pending = []
                case .failure:
                    context.writeAndFlush(
                        handler.wrapOutboundOut(ByteBuffer(string: "HTTP/1.1 502 Bad Gateway\r\n\r\n"))
                    )
                    .whenComplete { _ in context.close(promise: nil) }
                }
            }
    }

    /// Plain HTTP inside the tunnel: each API call starts with its request line.
    private func countRequests(in bytes: ByteBuffer) {
        let text = String(buffer: bytes)
        let n = text.split(separator: " /client/api", omittingEmptySubsequences: false).count - 1
        if n > 0 { counts.withLockedValue { $0.requests += n } }
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer?.close(promise: nil)
        context.fireChannelInactive()
    }
}

/// The target's side: everything it sends goes back to the client.
private final class CopyHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    private let client: Channel
    init(to client: Channel) { self.client = client }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        client.writeAndFlush(unwrapInboundIn(data), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        client.close(promise: nil)
        context.fireChannelInactive()
    }
}
