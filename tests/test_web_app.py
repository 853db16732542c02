"""``checker serve`` without a browser: Starlette's TestClient against the app over the seeds.

Pages, the errors-first order, the "does not retell this report" banner, downloads, the language
switch, and the safety rules: limits with a clear message, escaping, CSP, no path from a request.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from webpage import settings

from checker.web.app import create_app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HIGHLIGHTS = (SEEDS / "beijing-2024-highlights.txt").read_text(encoding="utf-8")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(settings(max_bytes=300_000)))


def _compare(client: TestClient, text: str, full: str = "bj-2024-report", lang: str = "zh") -> str:
    response = client.post(f"/compare?lang={lang}", data={"summary_text": text, "full_id": full},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"]


def test_pages_answer_with_a_csp_that_forbids_inline_script(client: TestClient) -> None:
    for path in ("/", "/compare", "/goals", "/figures", "/static/app.js"):
        response = client.get(path)
        assert response.status_code == 200, path
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, path
    assert "<script>" not in client.get("/compare").text  # only <script src=…>


def test_changed_number_comes_first_and_wrong_report_gets_the_banner(client: TestClient) -> None:
    altered = HIGHLIGHTS.replace("增长5.2%", "增长6.2%", 1)
    assert altered != HIGHLIGHTS
    page = client.get(_compare(client, altered)).text
    statuses = re.findall(r'<li id="x\d+" class="k-(\w+) sev-(\w+)"', page)
    assert statuses[0] == ("number_mismatch", "error")
    severities = [s for _, s in statuses]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert 'id="not-retold"' not in page
    wrong = client.get(_compare(client, HIGHLIGHTS, "bj-2022-report")).text
    banner = wrong.index('id="not-retold"')
    assert banner < wrong.index('id="findings"')
    assert "似乎不是在转述所选报告" in wrong


def test_english_page_has_no_chinese_labels(client: TestClient) -> None:
    page = client.get("/compare?lang=en").text
    # report titles are data; the switch names the other language in that language
    labels = re.sub(r"<option.*?</option>|<a class=\"lang\".*?</a>", "", page, flags=re.S)
    assert "Compare" in labels and not CJK.search(re.sub(r"<[^>]+>", "", labels))
    result = client.get(_compare(client, HIGHLIGHTS, lang="en")).text
    assert "item left out" in result and "有遗漏" not in result


def test_downloads_csv_with_bom_json_and_html(client: TestClient) -> None:
    token = _compare(client, HIGHLIGHTS).split("?")[0]
    raw = client.get(token + "/download.csv").content
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert any(CJK.search(r["summary_quote"]) for r in rows)
    assert {r["status"] for r in rows} >= {"item_omitted"}
    data = json.loads(client.get(token + "/download.json").content)
    assert len(data["findings"]) == len(rows)
    html = client.get(token + "/download.html").text
    assert "Content-Security-Policy" in html and "回顾2023年" in html  # the pasted text, from memory


def test_markup_in_a_summary_is_text(client: TestClient) -> None:
    text = HIGHLIGHTS + '\n<script>alert(1)</script><img src=x onerror="alert(2)">\n'
    page = client.get(_compare(client, text)).text
    assert "script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2" in page
    assert "<img src=x" not in page and "<script>alert" not in page


def test_oversized_upload_and_body_get_a_clear_message(client: TestClient) -> None:
    big = ("一" * 120_000).encode("utf-8")  # 360 kB > 300 kB
    response = client.post("/compare", files={"summary_file": ("big.txt", big, "text/plain")},
                           data={"full_id": "bj-2024-report"})
    assert response.status_code == 413
    assert "文件太大：big.txt 超过 292.969 KB 的上限" in response.text
    assert "Traceback" not in response.text
    huge = b"x" * 700_000
    response = client.post("/compare?lang=en", files={"summary_file": ("a.txt", huge, "text/plain"),
                                                       "full_file": ("b.txt", huge, "text/plain")})
    assert response.status_code == 413 and "The submission is too large" in response.text


def test_type_and_unreadable_uploads_are_refused_by_name(client: TestClient) -> None:
    response = client.post("/compare", files={"summary_file": ("run.exe", b"MZ\x00", "application/x")},
                           data={"full_id": "bj-2024-report"})
    assert response.status_code == 400 and "不支持的文件类型：run.exe" in response.text
    broken = ("x.pdf", b"%PDF-1.4 broken", "application/pdf")
    response = client.post("/compare", files={"summary_file": broken},
                           data={"full_id": "bj-2024-report"})
    assert response.status_code == 400 and "无法读取 x.pdf" in response.text


def test_no_path_from_the_request_is_opened(client: TestClient) -> None:
    for doc_id in ("../seeds/beijing-2024-report.txt", "/etc/passwd", "seeds/beijing-2024-report.txt"):
        response = client.post("/compare", data={"summary_text": "新增3万个学位。", "full_id": doc_id})
        assert response.status_code == 400 and "语料库中没有这份文档" in response.text
    # an uploaded file's name is a label only: its directories are dropped
    location = client.post("/compare", files={"summary_file": ("../../etc/摘要.txt",
                                                               HIGHLIGHTS.encode(), "text/plain")},
                           data={"full_id": "bj-2024-report"}, follow_redirects=False).headers["location"]
    page = client.get(location).text
    assert "摘要: 摘要.txt" in page and "../" not in page


def test_results_are_per_visitor(client: TestClient) -> None:
    first = _compare(client, HIGHLIGHTS.replace("增长5.2%", "增长7.7%", 1))
    second = _compare(client, HIGHLIGHTS)
    assert first != second
    assert "7.7%" in client.get(first).text and "7.7%" not in client.get(second).text
    assert client.get("/result/not-a-token").status_code == 404
    assert client.get("/result/" + "A" * 24).status_code == 404


def test_goals_from_the_corpus_not_reported_first(client: TestClient) -> None:
    page = client.get("/goals?pair=北京|2021").text
    statuses = re.findall(r'<tr class="st-(\w+)', page)
    assert statuses[0] == "not_reported" and "exceeded" in statuses
    first_pass = next(i for i, s in enumerate(statuses) if s in ("met", "exceeded"))
    assert "not_reported" not in statuses[first_pass:]
    assert "新增2万个中小学学位" in page and "seeds/beijing-2022-report.txt:63" in page
    assert client.get("/goals?pair=北京|1999").status_code == 400


def test_figures_page_charts_a_series_with_its_multi_year_target(client: TestClient) -> None:
    page = client.get("/figures?metric=森林覆盖率").text
    assert 'id="chart" src="data:image/svg+xml;base64,' in page
    assert "多年目标：达到45%（2025年）" in page
    assert client.get("/figures?place=nowhere").status_code == 404


def test_an_internal_error_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.web import service

    def broken(*_: object) -> None:
        raise RuntimeError("kind broke")

    monkeypatch.setattr(service, "compare", broken)
    client = TestClient(create_app(settings()), raise_server_exceptions=False)
    response = client.post("/compare?lang=en", data={"summary_text": "新增3万个学位。",
                                                      "full_id": "bj-2024-report"})
    assert response.status_code == 500
    assert "Something went wrong while checking" in response.text
    assert "kind broke" not in response.text and "Traceback" not in response.text


def test_the_page_style_is_the_standalone_pages(client: TestClient) -> None:
    from checker.output.html import CSS

    response = client.get("/static/compare.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    assert response.text == CSS and ".k-number_mismatch" in CSS
    assert '<link rel="stylesheet" href="/static/compare.css">' in client.get("/compare").text
