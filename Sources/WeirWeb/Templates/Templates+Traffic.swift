extension Templates {
    /// A task's traffic: the filter bar, the ranges, and the report with linked rows.
    static let traffic = """
        <section>
        <h1>{{name}}: traffic</h1>
        <p class="sub"><a href="/ui/tasks/{{id}}">{{name}}</a> · {{target}}</p>
        <form method="get" action="/ui/tasks/{{id}}/traffic" class="filter-bar" id="filter-bar">
        {{#filters}}<input type="hidden" name="filter" value="{{text}}">{{/filters}}
        {{#rangeKey}}<input type="hidden" name="range" value="{{.}}">{{/rangeKey}}
        <label for="new-filter">Filter</label>
        <input id="new-filter" name="filter" placeholder="status=5xx, path=/api/**, client=192.0.2.0/24, agent~bot" autocomplete="off">
        <button type="submit">Add</button>
        </form>
        {{#hasFilters}}<p class="filters" id="active-filters">{{#filters}}<span class="chip"><code>{{text}}</code> <a href="{{removeLink}}" aria-label="Remove {{text}}">×</a></span> {{/filters}}</p>{{/hasFilters}}
        <nav class="ranges" aria-label="Range">{{#ranges}}<a href="{{link}}"{{#selected}} aria-current="page"{{/selected}}>{{label}}</a>{{/ranges}}</nav>
        {{#problem}}<p class="flash error" role="alert" id="traffic-problem">{{.}}</p>{{/problem}}
        {{#report}}{{> report-body}}{{/report}}
        </section>
        """
}
