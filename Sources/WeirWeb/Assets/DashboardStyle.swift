/// The dashboard's stylesheet: one column at 390 pixels, tables that scroll sideways, and a dark
/// theme when the system asks for one.
enum DashboardStyle {
    static let text = """
        :root { --bg: #f7f8fa; --fg: #1b1f24; --muted: #5b6470; --card: #ffffff; --line: #d9dde3;
          --accent: #1f6feb; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --band: rgba(31,111,235,0.12);
          --mark: rgba(207,34,46,0.25); color-scheme: light dark; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #0d1117; --fg: #e6edf3; --muted: #8d96a0; --card: #161b22; --line: #30363d;
            --accent: #4493f8; --ok: #3fb950; --bad: #f85149; --warn: #d29922; --band: rgba(68,147,248,0.18);
            --mark: rgba(248,81,73,0.3); }
        }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--fg); }
        a { color: var(--accent); }
        code { font-family: ui-monospace, monospace; font-size: 0.92em; }
        .bar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; padding: 0.6rem 1rem;
          background: var(--card); border-bottom: 1px solid var(--line); }
        .brand { font-weight: 700; text-decoration: none; color: var(--fg); }
        .menu { display: flex; flex-wrap: wrap; gap: 0.25rem 0.9rem; }
        .live-state { margin-left: auto; font-size: 0.8rem; color: var(--muted); }
        .live-state[data-state="live"] { color: var(--ok); }
        .live-state[data-state="reconnecting"] { color: var(--warn); }
        main { max-width: 1200px; margin: 0 auto; padding: 1rem; }
        .foot { text-align: center; color: var(--muted); font-size: 0.8rem; padding: 1rem; }
        h1 { font-size: 1.4rem; margin: 0.3rem 0 0.6rem; }
        h2 { font-size: 1.1rem; margin: 1.4rem 0 0.5rem; }
        .sub { color: var(--muted); font-size: 0.85rem; overflow-wrap: anywhere; }
        .empty { color: var(--muted); }
        .scroll { overflow-x: auto; }
        table.list { border-collapse: collapse; width: 100%; background: var(--card); }
        .list th, .list td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        .list th { font-size: 0.8rem; color: var(--muted); font-weight: 600; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        .badge { display: inline-block; padding: 0 0.45rem; border-radius: 0.6rem; font-size: 0.8rem; border: 1px solid currentColor; }
        .ok { color: var(--ok); } .bad { color: var(--bad); } .warn { color: var(--warn); } .busy { color: var(--accent); } .muted { color: var(--muted); }
        .ranges { display: flex; gap: 0.8rem; margin: 0.6rem 0; }
        .ranges a[aria-current] { font-weight: 700; text-decoration: none; color: var(--fg); }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; }
        .chart { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem; }
        .chart figcaption { font-size: 0.9rem; margin-bottom: 0.3rem; }
        .chart-title { font-weight: 600; }
        .plot { position: relative; }
        .plot svg { display: block; width: 100%; height: 160px; }
        .ymax { position: absolute; top: 0; left: 0.2rem; font-size: 0.75rem; color: var(--muted); }
        .xaxis { display: flex; justify-content: space-between; font-size: 0.75rem; color: var(--muted); }
        .chart .line { fill: none; stroke: var(--accent); stroke-width: 1.5; vector-effect: non-scaling-stroke; }
        .chart .band { fill: var(--band); stroke: none; }
        .chart .dot { stroke: var(--accent); stroke-width: 5; stroke-linecap: round; vector-effect: non-scaling-stroke; }
        .chart .dot.c2xx { stroke: var(--ok); } .chart .dot.c3xx { stroke: var(--accent); }
        .chart .dot.c4xx { stroke: var(--warn); } .chart .dot.c5xx { stroke: var(--bad); }
        .chart .grid { stroke: var(--line); stroke-dasharray: 4 4; vector-effect: non-scaling-stroke; }
        .chart .mark { fill: var(--mark); }
        .chart .line.c2xx { stroke: var(--ok); } .chart .line.c3xx { stroke: var(--accent); }
        .chart .line.c4xx { stroke: var(--warn); } .chart .line.c5xx { stroke: var(--bad); }
        .legend { display: flex; gap: 0.8rem; font-size: 0.8rem; }
        .legend .c2xx { color: var(--ok); } .legend .c3xx { color: var(--accent); } .legend .c4xx { color: var(--warn); } .legend .c5xx { color: var(--bad); }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.6rem; margin: 0.6rem 0 1rem; }
        .figure { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.7rem; }
        .figure .value { font-size: 1.2rem; font-weight: 600; font-variant-numeric: tabular-nums; }
        .figure .name { font-size: 0.8rem; color: var(--muted); }
        .panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; }
        .panel h2 { margin-top: 0.6rem; }
        .panel td.name { overflow-wrap: anywhere; }
        .sparkline { width: 120px; height: 24px; }
        .sparkline polyline { fill: none; stroke: var(--accent); stroke-width: 1.2; vector-effect: non-scaling-stroke; }
        .form { display: grid; gap: 0.3rem; max-width: 36rem; }
        .form label { font-weight: 600; font-size: 0.9rem; margin-top: 0.4rem; }
        .form .check { font-weight: 400; }
        input, textarea, select, button { font: inherit; color: inherit; }
        input, textarea, select { padding: 0.35rem 0.5rem; border: 1px solid var(--line); border-radius: 4px; background: var(--card); width: 100%; }
        .check input { width: auto; }
        button { padding: 0.35rem 0.9rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; justify-self: start; }
        .logout button { background: transparent; color: var(--accent); }
        .inline { display: inline; }
        .filter-bar { display: flex; gap: 0.5rem; align-items: center; margin: 0.6rem 0; }
        .filter-bar input[name=filter] { flex: 1; max-width: 32rem; }
        .chip { display: inline-block; padding: 0.1rem 0.4rem; border-radius: 0.8rem; background: var(--card); margin-right: 0.3rem; }
        .chip a { text-decoration: none; }
        td.name a { color: inherit; }
        .field-error { color: var(--bad); font-size: 0.85rem; }
        .flash { padding: 0.4rem 0.6rem; border-left: 3px solid var(--accent); background: var(--card); }
        .filters { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin-bottom: 0.8rem; }
        .filters select { width: auto; }
        .login { max-width: 28rem; margin: 3rem auto; }
        @media (max-width: 600px) { main { padding: 0.6rem; } .list th, .list td { padding: 0.3rem; } .live-state { margin-left: 0; } }

        """
}
