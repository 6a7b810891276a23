import Values

extension CloudStackClient {
    /// `login` by POST (newer servers refuse GET) with username, password and domain.
    /// Returns the session key and the cookies to send back (JSESSIONID).
    func login() async throws -> (String, [(String, String)]) {
        guard case .password(let username, let password, let domain) = options.credentials else {
            preconditionFailure("login without password credentials")
        }
        var params = [("username", username), ("password", password)]
        if let domain, !domain.isEmpty { params.append(("domain", domain)) }
        try Wire.validate(params)
        let (p, _) = Wire.parameters(command: "login", params, credentials: .none, sessionKey: nil, lifetime: nil)
        let w = Wire.build(
            endpoint: options.endpoint, params: p, expires: nil, forcePost: true,
            display: options.displayURL)
        let answer: HTTPAnswer
        do { answer = try await exchange(w, cookie: nil) } catch { throw error.error }
        let result: Value
        do {
            result = try ResponseReader.read(answer, command: "login", url: options.displayURL, expires: nil)
        } catch {
            if case .api(_, let code, _, let text) = error.kind {
                throw CloudStackError(.loginFailed(username: username, errorcode: code, errortext: text))
            }
            throw error
        }
        guard let key = result[field: "sessionkey"]?.string, !key.isEmpty else {
            throw CloudStackError(
                .malformed(url: options.displayURL, detail: "login answer has no sessionkey", truncated: false))
        }
        let cookies = SessionState.parseSetCookies(answer.headers("set-cookie"))
            .filter { $0.0 == "JSESSIONID" || $0.0 == "sessionkey" }
        if result[field: "is2faenabled"]?.plainText == "true", result[field: "is2faverified"]?.plainText != "true" {
            try await validateTwoFactorCode(
                username: username, session: SessionState(sessionKey: key, cookies: cookies, generation: 0))
        }
        return (key, cookies)
    }

    /// A two-factor user's session opens once its code is checked (validateUserTwoFactorAuthenticationCode).
    private func validateTwoFactorCode(username: String, session: SessionState) async throws {
        guard let code = options.twoFactorCode?(), !code.isEmpty else {
            throw CloudStackError(
                .loginFailed(
                    username: username, errorcode: 511,
                    errortext:
                        "two-factor authentication is on for this user: give the code with --2fa-code or ACSH_2FA_CODE, or log in at a terminal"
                ))
        }
        let command = "validateUserTwoFactorAuthenticationCode"
        let (p, _) = Wire.parameters(
            command: command, [("codefor2fa", code)], credentials: options.credentials,
            sessionKey: session.sessionKey, lifetime: nil)
        let w = Wire.build(
            endpoint: options.endpoint, params: p, expires: nil, forcePost: true, display: options.displayURL)
        let answer: HTTPAnswer
        do { answer = try await exchange(w, cookie: session.cookieHeader) } catch { throw error.error }
        do {
            _ = try ResponseReader.read(answer, command: command, url: options.displayURL, expires: nil)
        } catch {
            if case .api(_, let code, _, let text) = error.kind {
                throw CloudStackError(.loginFailed(username: username, errorcode: code, errortext: text))
            }
            throw error
        }
    }
}

extension CloudStackClient {
    /// Ends the session of a password profile (nothing to do for API keys).
    /// Optional: sessions also end by the server's timeout.
    public func logout() async throws {
        guard case .password = options.credentials, await sessions.hasSession else { return }
        _ = try await request("logout")
        await sessions.forget()
    }
}
