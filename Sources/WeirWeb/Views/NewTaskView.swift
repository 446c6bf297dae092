/// The page that creates a task.
public struct NewTaskView: PageView {
    public static let template = "new-task"
    public let title = "New task"
    public let form: TaskFormView

    public init(form: TaskFormView) { self.form = form }
}
