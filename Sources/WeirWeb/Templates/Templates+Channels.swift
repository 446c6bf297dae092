extension Templates {
    static let channels = """
        <h1>Channels</h1>
        {{#flash}}<p class="flash" role="status" id="channel-flash">{{.}}</p>{{/flash}}
        {{^channels}}<p class="empty">No channel yet.</p>{{/channels}}
        {{#hasChannels}}
        <div class="scroll"><table class="list" id="channels">
        <thead><tr><th>Channel</th><th>Type</th><th>Receiver</th><th></th></tr></thead>
        <tbody>{{#channels}}
        <tr data-channel="{{id}}"><td>{{name}}</td><td>{{type}}</td><td>{{url}}</td>
        <td><form method="post" action="/ui/channels/{{id}}/test" class="inline"><button type="submit">Send a test</button></form></td></tr>
        {{/channels}}</tbody>
        </table></div>
        {{/hasChannels}}
        <h2>New channel</h2>
        <form method="post" action="/ui/channels" class="form" id="channel-form" novalidate>
        {{#general}}<p class="field-error" role="alert">{{.}}</p>{{/general}}
        <label for="channel-name">Name</label>
        <input id="channel-name" name="name" value="{{draft.name}}">
        {{#errors.name}}<span class="field-error" role="alert">{{.}}</span>{{/errors.name}}
        <label for="channel-type">Type</label>
        <select id="channel-type" name="type">{{#types}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/types}}</select>
        {{#errors.type}}<span class="field-error" role="alert">{{.}}</span>{{/errors.type}}
        <label for="channel-url">URL</label>
        <input id="channel-url" name="url" value="{{draft.url}}" placeholder="https://hooks.example.com/weir">
        {{#errors.url}}<span class="field-error" role="alert">{{.}}</span>{{/errors.url}}
        <button type="submit">Create</button>
        </form>

        """
}
