extension Templates {
    static let login = """
        <section class="login">
        <h1>Log in</h1>
        <p>Paste the service's token: the value of <code>WEIR_API_TOKEN</code> it was started with.</p>
        <form method="post" action="/login" class="form">
        <input type="hidden" name="next" value="{{next}}">
        <label for="token">Token</label>
        <input type="password" id="token" name="token" autocomplete="current-password" required autofocus>
        {{#problem}}<span class="field-error" role="alert" id="login-error">{{.}}</span>{{/problem}}
        <button type="submit" id="login-submit">Log in</button>
        </form>
        </section>

        """
}
