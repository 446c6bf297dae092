"""The dashboard in a real browser: Debian's headless Chromium, driven by Selenium, against a real
`weir serve` this script starts on real data in a temporary folder.

Logs in (a wrong token first), checks a task's charts have one point per minute of the log, takes
screenshots at 1280 and 390 pixels, watches an incident appear without a reload after a burst is
appended and a run is triggered, restarts the service and sees the page reconnect, submits a bad
form and finds the messages beside the fields, logs out and is refused. Fails on any JavaScript
error or Content-Security-Policy violation the browser logs.

With --week it measures instead: first paint, load time and bytes of the task page with a week of
minute data (median of 5), and prints them.
"""

import argparse
import contextlib
import datetime
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

TOKEN = "browser-token"


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    """`weir serve` on loopback, with a token, reading files in its folder only."""

    def __init__(self, weir, folder, port):
        self.weir, self.folder, self.port = weir, folder, port
        self.url = f"http://127.0.0.1:{port}"
        self.process = None

    def start(self):
        env = {key: value for key, value in os.environ.items() if not key.startswith("WEIR_")}  # weir refuses unknown keys
        env.update(
            WEIR_API_TOKEN=TOKEN,
            WEIR_SOURCE_DIRS=self.folder,
            WEIR_DATABASE_URL=f"sqlite://{self.folder}/weir.sqlite",
            WEIR_LOG_DIR=f"{self.folder}/logs",
        )
        self.output = open(f"{self.folder}/serve.log", "ab")
        self.process = subprocess.Popen(
            [self.weir, "serve", "--port", str(self.port)], env=env, stdout=self.output, stderr=subprocess.STDOUT
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/health", timeout=2)
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        with open(f"{self.folder}/serve.log") as log:
            raise Failure("weir serve did not answer /health within 30 s: " + " | ".join(log.read().splitlines()[-3:]))

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                raise Failure("weir serve did not stop within 30 s of SIGTERM with a dashboard page open")
        self.process = None

    def api(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {TOKEN}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return json.loads(text) if text else None

    def run_and_wait(self, task_id):
        before = self.api("GET", f"/tasks/{task_id}/runs?limit=1")
        last = before[0]["id"] if before else 0
        self.api("POST", f"/tasks/{task_id}/run")
        deadline = time.time() + 60
        while time.time() < deadline:
            runs = self.api("GET", f"/tasks/{task_id}/runs?limit=1")
            if runs and runs[0]["id"] > last and runs[0]["status"] != "running":
                check(runs[0]["status"] == "succeeded", f"the run ended {runs[0]['status']}: {runs[0].get('error')}")
                return runs[0]
            time.sleep(0.2)
        raise Failure("the run did not end within 60 s")


@contextlib.contextmanager
def service_on_generated_log(weir, hours, rate, prefix):
    """A `weir serve` in a new temporary folder with a task on a log of the last `hours` at
    `rate` lines a second, run once; yields the service, the task's id and the log's path, and
    stops and removes everything after."""
    folder = tempfile.mkdtemp(prefix=prefix)
    log = os.path.join(folder, "access.log")
    generate(weir, log, hours=hours, rate=rate)
    service = Service(weir, folder, free_port())
    try:
        service.start()
        task_id = create_task(service, log)
        service.run_and_wait(task_id)
        yield service, task_id, log
    finally:
        service.stop()
        shutil.rmtree(folder, ignore_errors=True)


def generate(weir, path, hours, rate):
    start = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")
    count = int(hours * 3600 * rate)
    subprocess.run([weir, "generate", "--count", str(count), "--rate", str(rate), "--start", start, "--seed", "11", "-f", path],
                   check=True, stdout=subprocess.DEVNULL)


STAMP = re.compile(rb"\[(\d{2}/\w{3}/\d{4}:\d{2}:\d{2}):\d{2} ([+-]\d{4})\]")


def minutes_spanned(path):
    """Minutes from the log's first line's minute to its last one's, both counted."""
    first = last = None
    with open(path, "rb") as f:
        for line in f:
            match = STAMP.search(line)
            if not match:
                continue
            minute = datetime.datetime.strptime(match.group(1).decode() + " " + match.group(2).decode(), "%d/%b/%Y:%H:%M %z")
            first = minute if first is None or minute < first else first
            last = minute if last is None or minute > last else last
    return int((last - first).total_seconds() // 60) + 1


def create_task(service, log):
    next_run = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    task = service.api("POST", "/tasks", {
        "name": "front <b>nginx</b>",
        "task_frequency": 86400,
        "next_run_time": next_run,
        "target_data": {"type": "file", "path": log, "format": "combined"},
        "properties": {"black_ip_address": ["192.0.2.0/24"]},
    })
    return task["id"]


def browser(width, height):
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}"]:
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def console_problems(driver, allowed=()):
    """The SEVERE entries of the browser's console since the last call, but for `allowed` patterns."""
    problems = []
    for entry in driver.get_log("browser"):
        message = entry.get("message", "")
        if entry.get("level") != "SEVERE" and "Content Security Policy" not in message:
            continue
        if any(re.search(pattern, message) for pattern in allowed):
            continue
        problems.append(message)
    return problems


def no_console_problems(driver, phase, allowed=()):
    problems = console_problems(driver, allowed)
    check(not problems, f"{phase}: the browser logged errors: {problems}")


def wait(driver, seconds, condition, what):
    try:
        return WebDriverWait(driver, seconds, poll_frequency=0.1).until(lambda d: condition(d))
    except TimeoutException:
        raise Failure(f"not within {seconds} s: {what}")


def log_in(driver, url):
    wait(driver, 10, lambda d: "/login" in d.current_url, "the login page")
    driver.find_element(By.ID, "token").send_keys("not-the-token")
    driver.find_element(By.ID, "login-submit").click()
    wait(driver, 10, lambda d: d.find_elements(By.ID, "login-error"), "the wrong token's message")
    no_console_problems(driver, "wrong token", allowed=[r"/login - Failed to load resource.*401"])
    driver.find_element(By.ID, "token").send_keys(TOKEN)
    driver.find_element(By.ID, "login-submit").click()
    wait(driver, 10, lambda d: "/login" not in d.current_url, "leaving the login page")


def burst(path, count=30):
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%d/%b/%Y:%H:%M:%S +0000")
    with open(path, "a") as f:
        for i in range(count):
            f.write(f'192.0.2.{i % 5 + 1} - - [{now}] "GET /admin/<script>alert({i})</script> HTTP/1.1" 403 12 "-" "<script>x</script>"\n')


def test(args):
    with service_on_generated_log(args.weir, hours=3, rate=2, prefix="weir-browser.") as (service, task_id, log):
        driver = browser(1280, 900)
        try:
            check_dashboard(args, driver, service, task_id, log)
        finally:
            driver.quit()


def check_dashboard(args, driver, service, task_id, log):
    """Every step of the browser test, on one open browser."""
    expected = minutes_spanned(log)
    page = f"{service.url}/ui/tasks/{task_id}?range=6h"

    driver.get(page)
    log_in(driver, service.url)
    check(driver.current_url == page, f"after login the browser is at {driver.current_url}, not {page}")
    charts = driver.find_elements(By.CSS_SELECTOR, "figure.chart")
    check(len(charts) == 4, f"{len(charts)} charts on the task page, not 4")
    for chart in charts:
        points = int(chart.get_attribute("data-points"))
        drawn = len(chart.find_element(By.CSS_SELECTOR, "polyline.line").get_attribute("points").split())
        check(points == expected and drawn == expected,
              f"chart {chart.get_attribute('data-chart')}: {points} points ({drawn} drawn), the log spans {expected} minutes")
    requests = driver.find_element(By.CSS_SELECTOR, 'figure[data-chart="requests"]')
    check(requests.find_elements(By.CSS_SELECTOR, "polygon.band") and "model expected" in requests.text,
          "the requests chart has no band of what the task's model expected")
    check("front <b>nginx</b>" in driver.find_element(By.TAG_NAME, "h1").text, "the task's name is not shown as text")
    driver.save_screenshot(os.path.join(args.artifacts, "task-1280.png"))
    driver.set_window_size(390, 844)
    time.sleep(0.3)
    overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    check(overflow <= 0, f"at 390 pixels the task page is {overflow} pixels wider than the window")
    driver.save_screenshot(os.path.join(args.artifacts, "task-390.png"))
    driver.set_window_size(1280, 900)
    no_console_problems(driver, "task page")

    driver.get(service.url + "/")
    rows = driver.find_elements(By.CSS_SELECTOR, f'#tasks tr[data-task="{task_id}"]')
    check(len(rows) == 1, "the overview does not list the task")
    check(rows[0].find_elements(By.CSS_SELECTOR, "svg.sparkline"), "the overview's row has no sparkline")
    driver.save_screenshot(os.path.join(args.artifacts, "overview-1280.png"))
    no_console_problems(driver, "overview")

    # The dark theme follows the system's setting.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    check(background == "rgb(13, 17, 23)", f"the dark theme's background is {background}")
    driver.save_screenshot(os.path.join(args.artifacts, "overview-dark-1280.png"))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})

    # Live: an incident appears on the open page, which is not reloaded.
    driver.get(page)
    wait(driver, 10, lambda d: d.find_element(By.ID, "live-state").get_attribute("data-state") == "live", "the live stream")
    driver.execute_script("window.weirMarker = 'kept';")
    before = len(driver.find_elements(By.CSS_SELECTOR, "tr[data-incident]"))
    findings_before = len(driver.find_elements(By.CSS_SELECTOR, "tr[data-finding]"))
    burst(log)
    service.run_and_wait(task_id)
    wait(driver, 20, lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr[data-incident]")) > before, "the new incident on the open page")
    wait(driver, 5, lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr[data-finding]")) > findings_before,
         "the new findings on the open page")
    check(driver.execute_script("return window.weirMarker") == "kept", "the page was reloaded")
    try:
        driver.switch_to.alert
        raise Failure("a script from the log ran: an alert is open")
    except NoAlertPresentException:
        pass
    driver.save_screenshot(os.path.join(args.artifacts, "task-live-incident-1280.png"))
    no_console_problems(driver, "live update")

    # The page reconnects after the service restarts.
    service.stop()
    wait(driver, 15, lambda d: d.find_element(By.ID, "live-state").get_attribute("data-state") == "reconnecting", "the lost stream")
    service.start()
    wait(driver, 20, lambda d: d.find_element(By.ID, "live-state").get_attribute("data-state") == "live", "the stream again after a restart")
    check(driver.execute_script("return window.weirMarker") == "kept", "the page was reloaded on reconnecting")
    no_console_problems(driver, "restart", allowed=[r"/ui/events", r"ERR_CONNECTION_REFUSED", r"ERR_INCOMPLETE_CHUNKED_ENCODING"])

    # The traffic page: a filter typed in the bar narrows every panel (counted here from the log
    # itself), and a panel row's link narrows further.
    driver.get(page)
    driver.find_element(By.ID, "traffic-link").click()
    wait(driver, 30, lambda d: d.find_elements(By.ID, "filter-bar"), "the traffic page")
    driver.find_element(By.ID, "new-filter").send_keys("method=GET")
    driver.find_element(By.CSS_SELECTOR, "#filter-bar button").click()
    wait(driver, 30, lambda d: d.find_elements(By.ID, "active-filters"), "the filtered traffic page")
    with open(log, encoding="utf-8") as f:
        gets = sum(1 for line in f if '"GET ' in line)
    figure = driver.find_element(By.XPATH, "//div[@class='name' and text()='requests']/preceding-sibling::div").text
    check(figure == str(gets), f"the filtered page counts {figure} requests, the log has {gets} GETs")
    row = driver.find_element(By.XPATH, "//h2[text()='Status codes']/following::td[@class='name']/a")
    code = row.text
    row.click()
    wait(driver, 30, lambda d: f"filter=status%3D{code}" in d.current_url, "the page narrowed by a row")
    chips = driver.find_elements(By.CSS_SELECTOR, "#active-filters .chip")
    check(len(chips) == 2, f"{len(chips)} filters after following a row, not 2")
    driver.save_screenshot(os.path.join(args.artifacts, "traffic-filtered-1280.png"))
    no_console_problems(driver, "traffic page")

    driver.get(service.url + "/ui/tasks/new")
    driver.find_element(By.ID, "name").send_keys("x")
    driver.find_element(By.ID, "path").send_keys("relative.log")
    frequency = driver.find_element(By.ID, "frequency")
    frequency.clear()
    frequency.send_keys("0")
    driver.find_element(By.ID, "task-submit").click()
    wait(driver, 10, lambda d: d.find_elements(By.ID, "path-error"), "the path's message")
    check("absolute" in driver.find_element(By.ID, "path-error").text, "the path's message does not say what is wrong")
    check(driver.find_elements(By.ID, "frequency-error"), "no message beside the frequency")
    check(driver.find_element(By.ID, "path").get_attribute("value") == "relative.log", "the form lost what was typed")
    driver.save_screenshot(os.path.join(args.artifacts, "new-task-errors-1280.png"))
    no_console_problems(driver, "bad form", allowed=[r"/ui/tasks - Failed to load resource.*422"])

    # Log out in another tab: the open page's stream is refused, and the page goes to the login.
    driver.get(page)
    wait(driver, 10, lambda d: d.find_element(By.ID, "live-state").get_attribute("data-state") == "live", "the live stream")
    first_tab = driver.current_window_handle
    driver.switch_to.new_window("tab")
    driver.get(service.url + "/")
    driver.find_element(By.ID, "logout").click()
    wait(driver, 10, lambda d: "/login" in d.current_url, "the login page after logging out")
    driver.close()
    driver.switch_to.window(first_tab)
    service.stop()  # the stream drops; on reconnecting it is refused (the session is gone)
    service.start()
    wait(driver, 30, lambda d: "/login" in d.current_url, "the open page going to the login once its session ended")
    no_console_problems(driver, "logout elsewhere", allowed=[r"/ui/events", r"ERR_CONNECTION_REFUSED", r"ERR_INCOMPLETE_CHUNKED_ENCODING"])
    log_in(driver, service.url)

    # Log out, and be refused.
    driver.find_element(By.ID, "logout").click()
    wait(driver, 10, lambda d: "/login" in d.current_url, "the login page after logging out")
    driver.get(page)
    check("/login" in driver.current_url, f"after logging out the task page answered at {driver.current_url}")
    no_console_problems(driver, "logout")
    print(f"dashboard browser test: passed ({expected} points a chart; screenshots in {args.artifacts})")


def demo_test(args):
    """`weir demo` as a newcomer runs it: its one-time link opens the dashboard, whose demo task
    page shows the traffic and then the burst's incident as it happens, without a reload."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("WEIR_")}
    demo = subprocess.Popen([args.weir, "demo", "--duration", "90"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    driver = None
    try:
        link = None
        deadline = time.time() + 30
        while time.time() < deadline and link is None:
            line = demo.stderr.readline()
            match = re.search(r"dashboard: open (http://\S+)", line)
            link = match.group(1) if match else None
        check(link is not None, "weir demo printed no dashboard link within 30 s")
        driver = browser(1280, 900)
        driver.get(link)
        wait(driver, 10, lambda d: d.find_elements(By.CSS_SELECTOR, "#tasks tr[data-task] a"), "the demo task on the overview")
        driver.find_element(By.CSS_SELECTOR, "#tasks tr[data-task] a").click()
        wait(driver, 10, lambda d: d.find_elements(By.ID, "live-state") and d.find_element(By.ID, "live-state").get_attribute("data-state") == "live",
             "the demo task page, live")
        driver.execute_script("window.weirMarker = 'kept';")
        wait(driver, 90, lambda d: d.find_elements(By.CSS_SELECTOR, "tr[data-incident]"), "the demo burst's incident on the open page")
        wait(driver, 15, lambda d: d.find_elements(By.CSS_SELECTOR, 'figure[data-chart="requests"]'), "the demo task's traffic chart")
        check(driver.execute_script("return window.weirMarker") == "kept", "the demo page was reloaded")
        driver.save_screenshot(os.path.join(args.artifacts, "demo-task-1280.png"))
        no_console_problems(driver, "demo")
        print("dashboard browser test: weir demo's link, traffic and incident seen live")
    finally:
        if driver:
            driver.quit()
        demo.send_signal(2)
        try:
            demo.wait(timeout=30)
        except subprocess.TimeoutExpired:
            demo.kill()
            raise Failure("weir demo did not stop within 30 s of SIGINT")


def page_timing(driver):
    """The loaded page's first contentful paint and load end (ms), bytes transferred and HTML size."""
    wait(driver, 5, lambda d: d.execute_script(
        "return performance.getEntriesByType('paint').length > 0 && performance.getEntriesByType('navigation')[0].loadEventEnd > 0"),
        "the page's paint and load timings")
    return driver.execute_script("""
        const nav = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByType('paint').find(p => p.name === 'first-contentful-paint');
        const bytes = [nav].concat(performance.getEntriesByType('resource')).reduce((s, e) => s + (e.transferSize || 0), 0);
        return [paint ? paint.startTime : -1, nav.loadEventEnd, bytes, nav.decodedBodySize];""")


def measure(args):
    """First paint, load and bytes of the task page with a week of minute data, median of 5."""
    with service_on_generated_log(args.weir, hours=24 * 7, rate=args.rate, prefix="weir-browser-week.") as (service, task_id, _):
        driver = browser(1280, 900)
        try:
            measure_pages(driver, service, task_id)
        finally:
            driver.quit()


def measure_pages(driver, service, task_id):
    """Each page loaded 5 times: its paint and load times and bytes, printed."""
    driver.get(service.url + "/")
    log_in(driver, service.url)
    for name, path in [("task, 7 days", f"/ui/tasks/{task_id}?range=7d"), ("task, 24 hours", f"/ui/tasks/{task_id}"), ("overview", "/")]:
        paints, loads, sizes = [], [], []
        for _ in range(5):
            driver.get(service.url + path)
            timing = page_timing(driver)
            paints.append(timing[0])
            loads.append(timing[1])
            sizes.append((timing[2], timing[3]))
        print(f"{name}: first contentful paint {statistics.median(paints):.0f} ms, loaded {statistics.median(loads):.0f} ms "
              f"(median of 5; each {', '.join(f'{p:.0f}' for p in paints)}); transferred {sizes[0][0]} bytes on the first load, "
              f"{sizes[-1][0]} later; HTML {sizes[-1][1]} bytes")
    no_console_problems(driver, "measure")


def measure_report(args):
    """Load time of a `weir analyze --html` file from disk, median of 5."""
    driver = browser(1280, 900)
    try:
        loads, paints = [], []
        for _ in range(5):
            driver.get("file://" + os.path.abspath(args.report))
            timing = page_timing(driver)
            paints.append(timing[0])
            loads.append(timing[1])
        size = os.path.getsize(args.report)
        print(f"{args.report}: {size} bytes; first contentful paint {statistics.median(paints):.0f} ms, "
              f"loaded {statistics.median(loads):.0f} ms (median of 5; each {', '.join(f'{l:.0f}' for l in loads)})")
        no_console_problems(driver, "report")
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weir", required=True)
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--week", action="store_true", help="measure the task page with a week of minute data instead")
    parser.add_argument("--rate", type=float, default=1.0, help="--week: lines a second of log time")
    parser.add_argument("--report", help="measure the load time of this `weir analyze --html` file instead")
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    try:
        if args.report:
            measure_report(args)
        elif args.week:
            measure(args)
        else:
            test(args)
            demo_test(args)
    except Failure as failure:
        print(f"dashboard browser test: FAILED: {failure}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
