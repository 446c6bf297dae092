/// The dashboard's icon: water over a weir.
enum DashboardIcon {
    static let text = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f6feb"/>\
        <path d="M4 12c4-4 8 4 12 0s8 4 12 0" fill="none" stroke="#fff" stroke-width="3"/>\
        <rect x="6" y="18" width="20" height="8" fill="#fff"/></svg>

        """
}
