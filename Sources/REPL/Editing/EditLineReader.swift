import CEditLine
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libedit at a terminal: emacs keys, in-memory history (Up, Ctrl-R), Tab bound to
/// the completion engine. libedit handles SIGWINCH itself (EL_SIGNAL) and
/// restores the tty around Ctrl-C and Ctrl-Z.
public final class EditLineReader: LineReader {
    private let el: OpaquePointer
    private let history: OpaquePointer
    private var promptText: UnsafeMutablePointer<CChar>
    private let completer: ((String, Int) -> Completion?)?
    private let style: Style
    /// Marks the start and end of invisible prompt text (colour codes).
    private static let promptEscape: CChar = 1

    public init(
        programName: String, completer: ((String, Int) -> Completion?)?,
        history entries: [String], style: Style
    ) {
        acsh_setlocale_ctype()
        self.completer = completer
        self.style = style
        promptText = strdup("> ")
        el = el_init(programName, acsh_stdin(), acsh_stdout(), acsh_stderr())
        history = history_init()
        acsh_history_set_size(history, 1000)
        acsh_history_set_unique(history, 1)
        for entry in entries { acsh_history_enter(history, entry) }

        acsh_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        acsh_el_set_editor(el, "emacs")
        acsh_el_set_signal(el, 1)
        acsh_el_set_history(el, history)
        acsh_el_set_prompt_esc(
            el,
            { el in
                guard let el, let me = EditLineReader.owner(of: el) else { return nil }
                return me.promptText
            }, Self.promptEscape)
        acsh_el_set_getc(
            el,
            { el, out in
                guard let el, let out, let me = EditLineReader.owner(of: el) else { return -1 }
                return me.readCharacter(into: out)
            })
        acsh_el_add_function(
            el, "acsh-complete", "Complete the word at the cursor",
            { el, _ in
                guard let el, let me = EditLineReader.owner(of: el) else { return UInt8(CC_ERROR) }
                return me.complete()
            })
        acsh_el_bind(el, "^I", "acsh-complete")
        acsh_el_bind(el, "^R", "em-inc-search-prev")
        // The user's ~/.editrc may rebind keys; it is read last so it wins.
        el_source(el, nil)
    }

    deinit {
        el_end(el)
        history_end(history)
        free(promptText)
    }

    private static func owner(of el: OpaquePointer) -> EditLineReader? {
        guard let raw = acsh_el_get_clientdata(el) else { return nil }
        return Unmanaged<EditLineReader>.fromOpaque(raw).takeUnretainedValue()
    }

    public func readLine(prompt: String) -> LineInput {
        free(promptText)
        promptText = strdup(styledPrompt(prompt))
        _ = InterruptSignal.take()
        var count: Int32 = 0
        let raw = el_gets(el, &count)
        let interrupted = InterruptSignal.take()
        guard let raw, count > 0 else {
            if interrupted || (count < 0 && errno == EINTR) {
                // The typed text is dropped; libedit left the cursor on its line.
                Console.out("^C\n")
                el_reset(el)
                return .interrupted
            }
            Console.out("\n")
            return .endOfInput
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Multibyte state of a character split across reads.
    private var decoding = mbstate_t()

    /// One character from stdin for libedit: 1 and the character, 0 at end of
    /// input, -1 (errno EINTR) when Ctrl-C arrived, which ends `el_gets`.
    private func readCharacter(into out: UnsafeMutablePointer<wchar_t>) -> Int32 {
        while true {
            if InterruptSignal.pending {
                errno = EINTR
                return -1
            }
            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: InterruptSignal.wakeDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, fds[1].fd >= 0 ? 2 : 1, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if fds[1].revents != 0 {
                InterruptSignal.drainWake()
                continue
            }
            guard fds[0].revents != 0 else { continue }
            var byte: CChar = 0
            let n = read(STDIN_FILENO, &byte, 1)
            if n == 0 { return 0 }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return -1
            }
            var wide: wchar_t = 0
            let used = mbrtowc(&wide, &byte, 1, &decoding)
            if used == UInt.max - 1 { continue }  // more bytes of this character to come
            if used == UInt.max {  // not valid in this locale: drop the byte
                decoding = mbstate_t()
                continue
            }
            out.pointee = wide
            return 1
        }
    }

    public var isInteractive: Bool { true }

    public func addToHistory(_ line: String) {
        acsh_history_enter(history, line)
    }

    /// The profile name in the prompt is coloured; the colour codes are wrapped in
    /// escape characters so libedit does not count them as columns.
    private func styledPrompt(_ prompt: String) -> String {
        guard style.enabled else { return prompt }
        let esc = String(UnicodeScalar(UInt8(Self.promptEscape)))
        return esc + "\u{1B}[1;36m" + esc + prompt + esc + "\u{1B}[0m" + esc
    }

    /// Tab: ask the engine, then insert the single match or the common prefix;
    /// when that adds nothing, list the candidates under the line.
    private func complete() -> UInt8 {
        guard let completer, let info = el_line(el)?.pointee,
            let buffer = info.buffer, let cursor = info.cursor, let last = info.lastchar
        else {
            return UInt8(CC_ERROR)
        }
        let bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(buffer), count: last - buffer)
        let line = String(decoding: bytes, as: UTF8.self)
        guard let completion = completer(line, cursor - buffer), !completion.candidates.isEmpty else {
            return UInt8(CC_REFRESH_BEEP)
        }
        if let insertion = completion.insertion {
            el_deletestr(el, Int32(completion.prefix.unicodeScalars.count))
            el_insertstr(el, insertion)
            return UInt8(CC_REFRESH)
        }
        let listing = ColumnPrinter.layout(completion.candidates, width: TTY.width() ?? 80, style: style)
        Console.out("\n" + listing)
        return UInt8(CC_REDISPLAY)
    }
}
