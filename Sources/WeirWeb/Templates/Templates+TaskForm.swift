extension Templates {
    /// The form of a new task and of a task's edit; errors come from the API's validation, each
    /// beside its field, and the values the user typed are kept.
    static let taskForm = """
        <form method="post" action="{{action}}" class="form" id="task-form" novalidate>
        {{#general}}<p class="field-error" role="alert" id="form-error">{{.}}</p>{{/general}}
        <label for="name">Name</label>
        <input id="name" name="name" value="{{name}}" maxlength="200">
        {{#errors.name}}<span class="field-error" role="alert" id="name-error">{{.}}</span>{{/errors.name}}
        <label for="description">Description</label>
        <textarea id="description" name="description" rows="2">{{description}}</textarea>
        {{#errors.description}}<span class="field-error" role="alert" id="description-error">{{.}}</span>{{/errors.description}}
        <label for="path">Log file (absolute path)</label>
        <input id="path" name="path" value="{{path}}" placeholder="/var/log/nginx/access.log">
        {{#errors.path}}<span class="field-error" role="alert" id="path-error">{{.}}</span>{{/errors.path}}
        <label for="format">Format</label>
        <input id="format" name="format" value="{{format}}" list="formats">
        <datalist id="formats">{{#formats}}<option value="{{.}}">{{/formats}}</datalist>
        {{#errors.format}}<span class="field-error" role="alert" id="format-error">{{.}}</span>{{/errors.format}}
        <label for="frequency">Every (seconds)</label>
        <input id="frequency" name="frequency" value="{{frequency}}" inputmode="numeric">
        {{#errors.frequency}}<span class="field-error" role="alert" id="frequency-error">{{.}}</span>{{/errors.frequency}}
        {{#isNew}}
        <label for="rules">Rules (JSON, as <code>properties</code> of the API)</label>
        <textarea id="rules" name="rules" rows="4" spellcheck="false">{{rules}}</textarea>
        {{#errors.rules}}<span class="field-error" role="alert" id="rules-error">{{.}}</span>{{/errors.rules}}
        {{/isNew}}
        {{^isNew}}
        <label class="check"><input type="checkbox" name="active" value="true"{{#active}} checked{{/active}}> Active</label>
        {{#errors.active}}<span class="field-error" role="alert" id="active-error">{{.}}</span>{{/errors.active}}
        {{/isNew}}
        <button type="submit" id="task-submit">{{submitLabel}}</button>
        </form>

        """
}

extension Templates {
    static let newTask = """
        <h1>New task</h1>
        <p>A task reads a log file on a schedule, applies its rules and detection, and opens incidents.</p>
        {{#form}}{{> task-form}}{{/form}}

        """
}
