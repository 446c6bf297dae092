extension Templates {
    static let layout = """
        {{> document-start}}
        <title>{{title}} · Weir</title>
        <link rel="icon" href="{{iconURL}}" type="image/svg+xml">
        <link rel="stylesheet" href="{{styleURL}}">
        <script src="{{scriptURL}}" defer></script>
        </head>
        <body>
        <header class="bar">
        <a class="brand" href="/">Weir</a>
        {{#signedIn}}
        <nav class="menu">
        <a href="/">Overview</a>
        <a href="/ui/incidents">Incidents</a>
        <a href="/ui/channels">Channels</a>
        <a href="/ui/tasks/new">New task</a>
        </nav>
        <span class="live-state" id="live-state" data-state="off">not live</span>
        {{#canSignOut}}<form method="post" action="/logout" class="logout"><button type="submit" id="logout">Log out</button></form>{{/canSignOut}}
        {{/signedIn}}
        </header>
        <main id="main">
        {{{body}}}
        </main>
        <footer class="foot">Weir {{version}}</footer>
        </body>
        </html>

        """

    /// The start of every document, the dashboard's pages and the HTML report alike.
    static let documentStart = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        """

    static let error = """
        <h1>{{heading}}</h1>
        <p class="error-message">{{message}}</p>
        <p><a href="/">Back to the overview</a></p>

        """

    static let fieldError = """
        {{#.}}<span class="field-error" role="alert">{{.}}</span>{{/.}}
        """
}
