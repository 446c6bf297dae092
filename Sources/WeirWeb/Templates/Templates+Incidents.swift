extension Templates {
    static let incidents = """
        <h1>Incidents</h1>
        <form method="get" action="/ui/incidents" class="filters">
        <label>State <select name="state">{{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}</select></label>
        <label>Task <select name="task">{{#tasks}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/tasks}}</select></label>
        <button type="submit">Filter</button>
        </form>
        <section data-live>
        {{^incidents}}<p class="empty">No incident matches.</p>{{/incidents}}
        {{#hasIncidents}}
        <div class="scroll"><table class="list" id="incidents">
        <thead><tr><th>Task</th><th>Incident</th><th>Rule</th><th>State</th><th>Opened</th><th>Last seen</th><th class="num">Findings</th></tr></thead>
        <tbody>{{#incidents}}
        <tr data-incident="{{id}}"><td><a href="/ui/tasks/{{taskID}}">{{taskName}}</a></td><td>{{summary}}</td><td>{{rule}}</td><td><span class="badge {{stateClass}}">{{state}}</span></td><td>{{opened}}</td><td>{{lastSeen}}</td><td class="num">{{findings}}</td></tr>
        {{/incidents}}</tbody>
        </table></div>
        {{/hasIncidents}}
        </section>

        """
}
