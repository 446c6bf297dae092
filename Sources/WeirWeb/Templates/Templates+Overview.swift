extension Templates {
    static let overview = """
        <h1>Tasks</h1>
        <section data-live>
        {{^tasks}}<p class="empty">No task yet. <a href="/ui/tasks/new">Create one</a>, or POST one to <code>/tasks</code>.</p>{{/tasks}}
        {{#hasTasks}}
        <div class="scroll">
        <table class="list" id="tasks">
        <thead><tr><th>Task</th><th>State</th><th>Last run</th><th class="num">Open incidents</th><th>Requests a minute, last hour</th></tr></thead>
        <tbody>
        {{#tasks}}
        <tr data-task="{{id}}">
        <td><a href="/ui/tasks/{{id}}">{{name}}</a><div class="sub">{{target}}</div></td>
        <td><span class="badge {{stateClass}}">{{state}}</span></td>
        <td>{{lastRun}}</td>
        <td class="num">{{openIncidents}}</td>
        <td>{{#sparkline}}{{> sparkline}}{{/sparkline}}</td>
        </tr>
        {{/tasks}}
        </tbody>
        </table>
        </div>
        {{/hasTasks}}
        </section>

        """

    static let sparkline = """
        <svg class="sparkline" viewBox="0 0 {{width}} {{height}}" preserveAspectRatio="none" role="img" aria-label="{{label}}"><title>{{label}}</title><polyline points="{{points}}"/></svg>
        """
}
