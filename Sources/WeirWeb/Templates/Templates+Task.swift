extension Templates {
    static let task = """
        <section data-live data-task="{{id}}">
        <h1>{{name}}</h1>
        <p class="sub">{{target}} · every {{frequency}} · <span class="badge {{stateClass}}">{{state}}</span></p>
        {{#description}}<p>{{.}}</p>{{/description}}
        <form method="post" action="/ui/tasks/{{id}}/run" class="inline"><button type="submit" id="run-now">Run now</button></form>
        <a href="/ui/tasks/{{id}}/traffic" id="traffic-link">Traffic panels and filters</a>
        {{#flash}}<p class="flash" role="status">{{.}}</p>{{/flash}}
        <nav class="ranges" aria-label="Range">{{#ranges}}<a href="/ui/tasks/{{id}}?range={{key}}"{{#selected}} aria-current="page"{{/selected}}>{{label}}</a>{{/ranges}}</nav>
        {{#hasData}}<div class="charts">{{#charts}}{{> chart}}{{/charts}}</div>{{/hasData}}
        {{^hasData}}<p class="empty" id="no-data">No traffic stored yet: the charts appear once a run has read records.</p>{{/hasData}}
        <h2>Incidents</h2>
        {{^incidents}}<p class="empty">No incident.</p>{{/incidents}}
        {{#hasIncidents}}
        <div class="scroll"><table class="list" id="incidents">
        <thead><tr><th>Incident</th><th>Rule</th><th>State</th><th>Opened</th><th>Last seen</th><th class="num">Findings</th></tr></thead>
        <tbody>{{#incidents}}
        <tr data-incident="{{id}}"><td>{{summary}}</td><td>{{rule}}</td><td><span class="badge {{stateClass}}">{{state}}</span></td><td>{{opened}}</td><td>{{lastSeen}}</td><td class="num">{{findings}}</td></tr>
        {{/incidents}}</tbody>
        </table></div>
        {{/hasIncidents}}
        <h2>Latest findings</h2>
        {{^findings}}<p class="empty">No finding.</p>{{/findings}}
        {{#hasFindings}}
        <div class="scroll"><table class="list" id="findings">
        <thead><tr><th>Rule</th><th>Client</th><th>From</th><th>To</th><th>Finding</th></tr></thead>
        <tbody>{{#findings}}
        <tr data-finding="{{id}}"><td>{{rule}}</td><td>{{client}}</td><td>{{first}}</td><td>{{last}}</td><td>{{message}}</td></tr>
        {{/findings}}</tbody>
        </table></div>
        {{/hasFindings}}
        <h2>Runs</h2>
        {{^runs}}<p class="empty">No run yet.</p>{{/runs}}
        {{#hasRuns}}
        <div class="scroll"><table class="list" id="runs">
        <thead><tr><th>Run</th><th>Trigger</th><th>Status</th><th>Started</th><th class="num">Lines</th><th class="num">Malformed</th><th class="num">Findings</th><th>Error</th></tr></thead>
        <tbody>{{#runs}}
        <tr data-run="{{id}}"><td>{{id}}</td><td>{{trigger}}</td><td><span class="badge {{statusClass}}">{{status}}</span></td><td>{{started}}</td><td class="num">{{lines}}</td><td class="num">{{malformed}}</td><td class="num">{{findings}}</td><td>{{error}}</td></tr>
        {{/runs}}</tbody>
        </table></div>
        {{/hasRuns}}
        <h2>Detection</h2>
        {{#detection}}
        <p>{{summary}}</p>
        {{#hasFeatures}}<div class="scroll"><table class="list" id="detection">
        <thead><tr><th>Feature</th><th>Method</th><th>Why</th></tr></thead>
        <tbody>{{#features}}<tr><td>{{feature}}</td><td>{{method}}</td><td>{{reason}}</td></tr>{{/features}}</tbody>
        </table></div>{{/hasFeatures}}
        {{/detection}}
        </section>
        <section class="edit">
        <h2>Edit</h2>
        {{#form}}{{> task-form}}{{/form}}
        </section>

        """

    static let chart = """
        <figure class="chart" data-chart="{{key}}" data-points="{{pointCount}}">
        <figcaption><span class="chart-title">{{title}}</span> <span class="sub">{{caption}}</span></figcaption>
        <div class="plot">
        <span class="ymax">{{maxLabel}}</span>
        <svg viewBox="0 0 {{width}} {{height}}" preserveAspectRatio="none" role="img" aria-label="{{title}}">
        <line class="grid" x1="0" x2="{{width}}" y1="{{midY}}" y2="{{midY}}"/>
        {{#band}}<polygon class="band" points="{{.}}"><title>expected band</title></polygon>{{/band}}
        {{#series}}<polyline class="line {{css}}" points="{{points}}">{{#label}}<title>{{.}}</title>{{/label}}</polyline><line class="dot {{css}}" x1="{{lastX}}" y1="{{lastY}}" x2="{{lastX}}" y2="{{lastY}}"/>{{/series}}
        {{#marks}}<rect class="mark" x="{{x}}" y="0" width="{{w}}" height="{{height}}"><title>{{label}}</title></rect>{{/marks}}
        </svg>
        </div>
        <div class="xaxis"><span>{{from}}</span><span>{{to}}</span></div>
        {{#hasLegend}}<div class="legend">{{#series}}<span class="{{css}}">{{label}}</span>{{/series}}</div>{{/hasLegend}}
        </figure>

        """
}
