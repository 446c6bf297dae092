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
        <div class="figures">{{#figures}}<div class="figure"><div class="value">{{value}}</div><div class="name">{{name}}</div></div>{{/figures}}</div>
        {{#hasCharts}}<div class="charts">{{#charts}}{{> chart}}{{/charts}}</div>{{/hasCharts}}
        <div class="panels">
        {{#panels}}
        <section class="panel"><h2>{{title}}</h2>
        <div class="scroll"><table class="list"><thead><tr><th></th><th class="num">count</th><th class="num">{{column}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td class="name">{{name}}</td><td class="num">{{hits}}</td><td class="num">{{detail}}</td></tr>{{/rows}}</tbody></table></div>
        </section>
        {{/panels}}
        </div>
        {{#hasMalformed}}<h2>Malformed lines (first shown)</h2><ul>{{#malformed}}<li><code>{{.}}</code></li>{{/malformed}}</ul>{{/hasMalformed}}
        {{/report}}
        </main>
        <footer class="foot">Weir {{version}}, written {{written}}</footer>
        </body>
        </html>

        """
}
