/// The dashboard's Mustache templates, by name. Each page's template is in its own file as an
/// extension; `{{x}}` escapes HTML, and `{{{x}}}` is used only for ``LayoutView/body``, which is
/// HTML this library rendered.
enum Templates {
    /// Every template, registered in one ``PageRenderer``'s library; partials are found by name.
    static let all: [String: String] = [
        "document-start": documentStart,
        "layout": layout,
        "login": login,
        "overview": overview,
        "task": task,
        "task-form": taskForm,
        "new-task": newTask,
        "incidents": incidents,
        "channels": channels,
        "error": error,
        "chart": chart,
        "sparkline": sparkline,
        "field-error": fieldError,
        "report": report,
        "report-body": reportBody,
        "traffic": traffic,
    ]
}
