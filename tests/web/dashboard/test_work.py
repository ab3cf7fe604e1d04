"""People in the loop, in a real Chromium against the real web app over the sample intake:
take a case from the work queue, close and reopen it, correct a team from the review queue,
correct an extracted field, merge two cases and undo it, a team member refused another team's
case; each action is a case event with its actor, as `intake case show` prints it, and every
view of a case is in its access log. Screenshots go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import sync_playwright
from served import serve

from cli.main import main
from intake import labels
from intake.settings import Settings
from runtime.app import App
from runtime.bus import notice_queue
from runtime.demo import run_demo
from storage import access
from web.dashboard.auth import hash_password
from web.server import create_app

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PEOPLE = {"claire.martin": "supervisor", "remi.relecture": "reviewer", "gaelle.general": "team:general",
          "denis.dentaire": "team:expert-dental"}
PASSWORD = "mot-de-passe-2026"
WAITING = {"open", "assigned", "in_progress", "waiting_member"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The sample intake processed; the web app serving it to four people."""
    data = tmp_path_factory.mktemp("work")
    app = App(Settings.load(environ={}, data_dir=data / "data", retry_base_seconds=0.01))
    run_demo(app, idle_seconds=1)
    users = [{"name": name, "role": role, "password_hash": hash_password(PASSWORD)} for name, role in PEOPLE.items()]
    api = create_app(app, api_keys=["cle-portail-adherent-0123456789"], users=users, session_secret="test-secret")
    with serve(api) as url:
        yield app, url, data / "data"
    app.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _sign_in(browser, url: str, name: str):
    page = browser.new_context(viewport={"width": 1360, "height": 900}).new_page()
    page.goto(f"{url}/dashboard/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-password button")
    page.wait_for_url(f"{url}/dashboard")
    return page


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for image in page.locator("figure.preview img").element_handles():  # lazy images: load them first
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _cases(app: App):
    return [app.records.case(c) for c in app.records.case_ids()]


def _shown(data_dir: Path, case_id: str) -> str:
    """What `intake case show` prints for the case (wide, so no column is cut)."""
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), "case", "show", case_id],
                                env={"COLUMNS": "250"}, catch_exceptions=False)
    return result.output


def test_a_team_member_takes_the_first_case_of_the_work_queue_sorted_by_deadline(site, browser):
    app, url, data_dir = site
    page = _sign_in(browser, url, "gaelle.general")
    page.click("#nav-work")
    rows = page.locator("#unassigned tbody tr")
    deadlines = rows.evaluate_all("rs => rs.map(r => r.dataset.deadline)")
    expected = [c for c in _cases(app) if c.team == "general" and c.status in WAITING and not c.assignee]
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.team)")) == {"general"}
    assert len(deadlines) == len(expected) >= 2 and deadlines == sorted(deadlines)

    first = rows.first.get_attribute("data-case")
    rows.first.locator("a.case-link").click()
    page.click("#take-form button")
    page.wait_for_selector("#notice")
    assert page.inner_text("#case-assignee") == "gaelle.general"
    assert app.records.case(first).events[-1].actor == "user:gaelle.general"
    page.click("#nav-work")
    assert page.locator("#mine tbody tr").evaluate_all("rs => rs.map(r => r.dataset.case)") == [first]
    _shot(page, "work-queue.png")
    assert "user:gaelle.general" in _shown(data_dir, first) and labels.label("event", "assigned") in _shown(data_dir, first)
    page.context.close()


def test_a_case_is_closed_with_an_outcome_and_reopened_with_a_reason(site, browser):
    app, url, data_dir = site
    case = next(c for c in _cases(app) if c.team == "general" and c.status in WAITING)
    page = _sign_in(browser, url, "gaelle.general")
    page.goto(f"{url}/dashboard/cases/{case.id}")
    page.fill("#status-form input[name=note]", "pièce demandée")
    page.click("#status-form button[value=waiting_member]")
    page.wait_for_selector("#notice")
    page.fill("#close-form input[name=issue]", "remboursement effectué")
    page.click("#close-form button")
    page.wait_for_selector("#case-status[data-status=closed]")
    assert page.inner_text("#case-outcome") == "remboursement effectué"
    page.fill("#reopen-form input[name=note]", "l'adhérent conteste le montant")
    page.click("#reopen-form button")
    page.wait_for_selector("#case-status[data-status=open]")

    kinds = [(e.kind, e.actor) for e in app.records.case(case.id).events][-3:]
    assert kinds == [("status:waiting_member", "user:gaelle.general"), ("closed", "user:gaelle.general"),
                     ("reopened", "user:gaelle.general")]
    assert "l'adhérent conteste le montant" in _shown(data_dir, case.id)
    page.context.close()


def _least_sure_to_review(app: App):
    """The demo's least sure optical case, sent to review by a supervisor (with calibrated confidences the
    rules alone may route every demo item automatically)."""
    from storage.reroute import reroute

    optical = [c for c in _cases(app) if c.topic == "optical" and c.status in WAITING]
    least = min(optical, key=lambda c: app.records.decision(c.items[0])[0].confidence)
    return reroute(app.records, least.id, "review", "user:claire.martin", app.rules.teams, app.notify,
                   note="à relire")


def test_a_reviewer_corrects_the_team_of_a_case_in_the_review_queue_and_the_new_team_is_told(site, browser):
    app, url, data_dir = site
    case = next((c for c in _cases(app) if c.team == "review"), None) or _least_sure_to_review(app)
    page = _sign_in(browser, url, "remi.relecture")
    page.click("#nav-work")
    page.click(f'#review-queue a.case-link[href$="/{case.id}"]')
    page.select_option("#decision-form select[name=topic]", "dental")
    page.select_option("#decision-form select[name=team]", "expert-dental")
    page.fill("#decision-form input[name=motif]", "devis d'implant, pas d'optique")
    _shot(page, "case-under-review.png")
    page.click("#decision-form button[value=corriger]")
    page.wait_for_url(f"{url}/dashboard/travail?fait=corriger")  # the case left the reviewer's queue

    after = app.records.case(case.id)
    corrected, moved = after.events[-2:]
    assert (corrected.kind, moved.kind, after.team, after.topic) == ("corrected", "rerouted", "expert-dental", "dental")
    assert corrected.actor == moved.actor == "user:remi.relecture" and corrected.data["read"]["topic"] == "optical"
    assert "règle" in moved.summary and after.deadline is not None
    notice = notice_queue("team.expert-dental")(app.bus.connection.default_channel).get(no_ack=True)
    assert notice is not None and page.locator(f'#review-queue tr[data-case="{case.id}"]').count() == 0
    assert "user:remi.relecture" in _shown(data_dir, case.id) and labels.label("event", "corrected") in _shown(data_dir, case.id)
    page.context.close()


def test_a_supervisor_corrects_an_extracted_field_kept_beside_the_value_read(site, browser):
    app, url, data_dir = site
    case = next(c for c in _cases(app) if c.channel == "letter" and c.status in WAITING)
    envelope_id = case.items[0]
    fields = app.records.capture(envelope_id).fields
    number = next(i for i, f in enumerate(fields) if f.kind == "member_number")
    page = _sign_in(browser, url, "claire.martin")
    page.goto(f"{url}/dashboard/cases/{case.id}")
    row = page.locator(f'.item[data-envelope="{envelope_id}"] table.fields tr[data-field="{number}"]').first
    row.locator("summary").click()
    box = page.locator(f'.item[data-envelope="{envelope_id}"] .sheet rect.box[data-field="{number}"]').first
    assert box.get_attribute("data-kind") == "member_number"  # its box on the page image, stressed while checked
    assert box.evaluate("b => getComputedStyle(b).stroke") == "rgb(47, 93, 138)"
    row.locator("input[name=valeur]").fill("99999999")
    row.locator("input[name=motif]").fill("numéro lu sur la carte jointe")
    row.locator("button[value=corriger]").click()
    page.wait_for_selector("#notice")

    row = page.locator(f'.item[data-envelope="{envelope_id}"] table.fields tr[data-field="{number}"]').first
    assert row.locator(".corrected-value").inner_text() == "99999999"
    assert fields[number].normalized in row.inner_text()  # the value read stays beside the correction
    assert app.records.capture(envelope_id).fields[number] == fields[number]
    assert app.records.case(case.id).events[-1].kind == "field-corrected"
    _shot(page, "case-field-corrected.png")
    page.context.close()


def test_a_supervisor_merges_two_cases_and_undoes_it(site, browser):
    app, url, data_dir = site
    source, target = [c for c in _cases(app) if c.status in WAITING and c.team != "review"][:2]
    page = _sign_in(browser, url, "claire.martin")
    page.goto(f"{url}/dashboard/cases/{source.id}")
    page.fill("#merge-form input[name=cible]", target.id.lower())
    page.fill("#merge-form input[name=motif]", "même demande reçue deux fois")
    page.click("#merge-form button")
    page.wait_for_url(f"{url}/dashboard/cases/{target.id}?fait=fusionner")

    merged, kept = app.records.case(source.id), app.records.case(target.id)
    assert merged.status == "closed" and merged.items == () and set(source.items) <= set(kept.items)
    assert (merged.events[-1].kind, kept.events[-1].kind) == ("merged-into", "merged-from")
    assert page.locator(".item").count() == len(kept.items)
    page.fill("#undoable input[name=motif]", "pas la même demande")
    page.click("#undoable button")
    page.wait_for_selector("#notice")
    assert app.records.case(source.id).items == source.items and app.records.case(source.id).status == "open"
    shown = _shown(data_dir, target.id)
    assert labels.label("event", "merged-from") in shown and labels.label("event", "surgery-undone") in shown
    page.context.close()


def test_a_team_member_is_refused_another_teams_case_and_supervisors_see_who_viewed_a_file(site, browser):
    app, url, _ = site
    other = next(c for c in _cases(app) if c.team == "general")
    page = _sign_in(browser, url, "denis.dentaire")
    answer = page.goto(f"{url}/dashboard/cases/{other.id}")
    assert answer.status == 403 and "Accès refusé" in page.inner_text("h1")
    csrf = page.goto(f"{url}/dashboard/travail") and page.locator("input[name=csrf]").first.get_attribute("value")
    posted = page.request.post(f"{url}/dashboard/cases/{other.id}/prendre", form={"csrf": csrf, "op": "x"},
                               max_redirects=0)
    assert posted.status == 403 and app.records.case(other.id).assignee == other.assignee
    own = next(c for c in _cases(app) if c.team == "expert-dental")
    page.goto(f"{url}/dashboard/cases/{own.id}")
    assert page.locator("#surgery-card").count() == 0 and page.locator("#access-card").count() == 0
    page.context.close()

    supervisor = _sign_in(browser, url, "claire.martin")
    supervisor.goto(f"{url}/dashboard/cases/{own.id}")
    viewers = supervisor.locator("#access tbody tr").evaluate_all("rs => rs.map(r => r.dataset.actor)")
    assert "user:denis.dentaire" in viewers and "user:claire.martin" in viewers
    assert {v.actor for v in access.views(app.store, own.id)} >= {"user:denis.dentaire", "user:claire.martin"}
    assert all(e.kind != "viewed" for e in app.records.case(own.id).events)  # views are not case events
    supervisor.context.close()


def test_a_supervisor_splits_a_wrongly_linked_item_into_a_new_case_and_undoes_it(site, browser):
    app, url, data_dir = site
    case = next(c for c in _cases(app) if len(c.items) >= 2 and c.status in WAITING)
    item = case.items[-1]
    page = _sign_in(browser, url, "claire.martin")
    page.goto(f"{url}/dashboard/cases/{case.id}")
    form = page.locator(f'form.surgery-move[data-envelope="{item}"]')
    form.locator("input[name=motif]").fill("autre demande, rattachée à tort")
    form.locator("button[formaction$=separer]").click()
    page.wait_for_selector("#notice")

    new_id = page.inner_text("#case-id")
    new, source = app.records.case(new_id), app.records.case(case.id)
    assert new_id != case.id and new.items == (item,) and item not in source.items
    assert app.records.index_get("envelope", item) == new_id
    assert (source.events[-1].kind, new.events[-1].kind) == ("split-out", "split-in")
    page.fill("#undoable input[name=motif]", "c'était bien la même demande")
    page.click("#undoable button")
    page.wait_for_selector("#notice")
    assert page.inner_text("#case-id") == case.id and item in app.records.case(case.id).items
    assert app.records.case(new_id).status == "closed" and labels.label("event", "split-out") in _shown(data_dir, case.id)
    page.context.close()
