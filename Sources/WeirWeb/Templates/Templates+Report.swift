extension Templates {
    /// `weir analyze --html`: one file, its style inline, no script, nothing fetched.
    static let report = """
        {{> document-start}}
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>{{title}}</title>
        <style>{{{style}}}</style>
        </head>
        <body>
        <header class="bar"><span class="brand">Weir</span><span class="sub">{{inputs}}</span></header>
        <main>
        <h1>Access-log report</h1>
        {{#report}}
        {{#hasFilters}}<p class="filters">Filtered: {{#filters}}<code class="chip">{{.}}</code> {{/filters}}</p>{{/hasFilters}}
        {{> report-body}}
        {{/report}}
        </main>
        <footer class="foot">Weir {{version}}, written {{written}}</footer>
        </body>
        </html>

        """

    /// The figures, charts, panels and malformed lines of an analysis, in `weir analyze --html`
    /// and the dashboard's traffic page. A row with filters is a link where the page gives one
    /// (the dashboard), else it names the `--filter` arguments that narrow the report to it.
    static let reportBody = """
        <div class="figures">{{#figures}}<div class="figure"><div class="value">{{value}}</div><div class="name">{{name}}</div></div>{{/figures}}</div>
        {{#hasCharts}}<div class="charts">{{#charts}}{{> chart}}{{/charts}}</div>{{/hasCharts}}
        <div class="panels">
        {{#panels}}
        <section class="panel"><h2>{{title}}</h2>
        <div class="scroll"><table class="list"><thead><tr><th></th><th class="num">count</th><th class="num">{{column}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td class="name"{{^link}}{{#filterArguments}} title="{{.}}"{{/filterArguments}}{{/link}}>{{#link}}<a href="{{.}}">{{name}}</a>{{/link}}{{^link}}{{name}}{{/link}}</td><td class="num">{{hits}}</td><td class="num">{{detail}}</td></tr>{{/rows}}</tbody></table></div>
        </section>
        {{/panels}}
        </div>
        {{#hasMalformed}}<h2>Malformed lines (first shown)</h2><ul>{{#malformed}}<li><code>{{.}}</code></li>{{/malformed}}</ul>{{/hasMalformed}}
        """
}
