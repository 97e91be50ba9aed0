"""The Terraform root module, parsed with python-hcl2: policy (private, encrypted,
versioned buckets; an enforced Athena workgroup; a least-privilege role) and consistency
with the backend's configuration keys. `terraform validate`/`plan` need provider
downloads and AWS, which CI has not; these checks need neither.

Each policy is a function returning the problems it finds. The tests assert that the
module has none, and `test_checks_catch_violations` breaks a copy of the module in
each way a check is meant to catch, so no check can pass vacuously.
"""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest

from tfmodule import Module, block, blocks, flatten, single_expression, squash, strings_in

LAYERS = ("bronze", "silver", "gold")
# The gold job's dbt builds on Athena or Trino, published into gold when tests pass.
GOLD_STAGING = "gold_staging"
RESULTS = "athena-results"

# Terraform output -> the backend's configuration key under `lakehouse:`.
CONFIG_OUTPUTS: dict[str, tuple[str, ...]] = {
    "lakehouse_platform": ("platform",),
    "lakehouse_aws_region": ("aws", "region"),
    "lakehouse_warehouse": ("warehouse",),
    "lakehouse_catalog_glue_catalog_id": ("catalog", "glue", "catalogId"),
    "lakehouse_query_engine_athena_workgroup": ("queryEngine", "athena", "workgroup"),
    "lakehouse_query_engine_athena_output_location": (
        "queryEngine",
        "athena",
        "outputLocation",
    ),
}
OTHER_OUTPUTS = {"backend_role_arn", "app_config"}

ATHENA_MIN_CUTOFF = 10_000_000  # bytes: Athena's minimum BytesScannedCutoffPerQuery

Check = Callable[[Module], list[str]]


# ---------------------------------------------------------------------- helpers --


def number(module: Module, value: object) -> float | None:
    """A number literal, or the default of the variable (or local) it refers to."""
    value = module.resolve(value)
    inner = single_expression(value)
    if inner and re.fullmatch(r"var\.\w+", inner):
        value = module.variables.get(inner[4:], {}).get("default")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return None


def per_bucket(module: Module, rtype: str) -> dict[tuple[str, str | None], list[dict]]:
    found: dict[tuple[str, str | None], list[dict]] = defaultdict(list)
    for body in module.resources.get(rtype, {}).values():
        for target in module.bucket_targets(body):
            found[target].append(body)
    return found


def each_bucket(module: Module, rtype: str, check: Callable[[dict], list[str]]) -> list[str]:
    """Runs `check` on the one `rtype` resource of every bucket."""
    buckets = module.bucket_instances()
    if not buckets:
        return ["no aws_s3_bucket at all"]
    problems: list[str] = []
    try:
        found = per_bucket(module, rtype)
    except AssertionError as error:
        return [f"{rtype}: {error}"]
    for unknown in set(found) - buckets:
        problems.append(f"{rtype} targets {unknown}, which is not a declared bucket")
    for bucket in sorted(buckets, key=str):
        label = f"aws_s3_bucket.{bucket[0]}[{bucket[1]!r}]"
        bodies = found.get(bucket, [])
        if len(bodies) != 1:
            problems.append(f"{label} has {len(bodies)} {rtype} (expected 1)")
            continue
        try:
            problems.extend(f"{label}: {p}" for p in check(bodies[0]))
        except AssertionError as error:
            problems.append(f"{label}: {error}")
    return problems


def results_bucket(module: Module) -> tuple[str, str | None]:
    matches = [b for b in module.bucket_instances() if b[1] == RESULTS]
    assert len(matches) == 1, f"expected one bucket keyed {RESULTS!r}, found {matches}"
    return matches[0]


def bucket_of_location(location: object) -> tuple[str, str] | None:
    """(resource, key) of an `s3://${aws_s3_bucket.R["key"].bucket}/...` location."""
    if not isinstance(location, str):
        return None
    match = re.match(
        r'^s3://\$\{aws_s3_bucket\.(\w+)\["([^"]+)"\]\.(?:bucket|id)\}(/.*)?$', location
    )
    return (match.group(1), match.group(2)) if match else None


def policy_document(module: Module, reference: object) -> tuple[str, dict]:
    """The aws_iam_policy_document a `policy` argument renders (`data.X.Y[...].json`)."""
    inner = single_expression(reference) or ""
    match = re.fullmatch(r"data\.aws_iam_policy_document\.(\w+)(\[[^\]]+\])?\.json", inner)
    assert match, f"policy {reference!r} is not data.aws_iam_policy_document.<name>.json"
    name = match.group(1)
    docs = module.data.get("aws_iam_policy_document", {})
    assert name in docs, f"data.aws_iam_policy_document.{name} is not declared"
    return name, docs[name]


def wildcard_problems(where: str, values: object) -> list[str]:
    """`*` is allowed only as the last segment under a referenced resource: `${x}/*`."""
    problems = []
    for text in strings_in(values):
        if text.strip() == "*" or re.search(r'(?<!\}/)\*|\*(?!"|$)', text):
            problems.append(f"{where}: wildcard in {text!r}")
    return problems


# ----------------------------------------------------------------------- checks --


def provider_problems(module: Module) -> list[str]:
    problems = []
    if not any(t.get("required_version") for t in module.terraform):
        problems.append("no required_version")
    required = [rp for t in module.terraform for rp in blocks(t, "required_providers")]
    aws = [rp["aws"] for rp in required if "aws" in rp]
    if len(aws) != 1:
        return problems + [f"expected one required_providers.aws, found {len(aws)}"]
    if aws[0].get("source") != "hashicorp/aws":
        problems.append(f"aws provider source is {aws[0].get('source')!r}")
    if aws[0].get("version") != "~> 6.0":
        problems.append(f"aws provider version is {aws[0].get('version')!r}, not pinned to ~> 6.0")
    configs = module.providers.get("aws", [])
    if len(configs) != 1 or configs[0].get("region") != "${var.region}":
        problems.append('expected one provider "aws" with region = var.region')
    elif not blocks(configs[0], "default_tags"):
        problems.append("provider aws has no default_tags")
    return problems


def variable_problems(module: Module) -> list[str]:
    problems = []
    if not module.variables:
        problems.append("no variables")
    for name, body in module.variables.items():
        if not body.get("type"):
            problems.append(f"variable {name} has no type")
        description = body.get("description")
        if not isinstance(description, str) or not description.strip():
            problems.append(f"variable {name} has no description")
    for required in ("region", "name_prefix", "environment"):
        if required not in module.variables:
            problems.append(f"variable {required} is missing")
    return problems


def bucket_name_problems(module: Module) -> list[str]:
    problems = []
    keys = {key for _, key in module.bucket_instances()}
    if keys != {*LAYERS, RESULTS}:
        problems.append(f"bucket keys are {sorted(map(str, keys))}, expected {[*LAYERS, RESULTS]}")
    for name, body in module.resources.get("aws_s3_bucket", {}).items():
        if body.get("bucket") != "${var.name_prefix}-${var.environment}-${each.key}":
            problems.append(f"aws_s3_bucket.{name}: bucket is {body.get('bucket')!r}")
        if "bucket_prefix" in body or "acl" in body:
            problems.append(f"aws_s3_bucket.{name}: bucket_prefix/acl set")
    return problems


def public_access_problems(module: Module) -> list[str]:
    flags = (
        "block_public_acls",
        "block_public_policy",
        "ignore_public_acls",
        "restrict_public_buckets",
    )

    def check(body: dict) -> list[str]:
        return [f"{flag} is {body.get(flag)!r}" for flag in flags if body.get(flag) is not True]

    problems = each_bucket(module, "aws_s3_bucket_public_access_block", check)
    for rtype in ("aws_s3_bucket_acl", "aws_s3_bucket_website_configuration"):
        if module.resources.get(rtype):
            problems.append(f"{rtype} declared")
    return problems


def encryption_problems(module: Module) -> list[str]:
    def check(body: dict) -> list[str]:
        rule = block(body, "rule")
        default = block(rule, "apply_server_side_encryption_by_default")
        algorithm = default.get("sse_algorithm")
        if algorithm == "AES256":
            return []
        if algorithm != "aws:kms":
            return [f"sse_algorithm is {algorithm!r}"]
        problems = []
        if not re.fullmatch(
            r"aws_kms_key\.\w+\.arn", single_expression(default.get("kms_master_key_id")) or ""
        ):
            problems.append("aws:kms without this module's key (kms_master_key_id)")
        if rule.get("bucket_key_enabled") is not True:
            problems.append("aws:kms without bucket_key_enabled")
        return problems

    problems = each_bucket(module, "aws_s3_bucket_server_side_encryption_configuration", check)
    for name, key in module.resources.get("aws_kms_key", {}).items():
        if key.get("enable_key_rotation") is not True:
            problems.append(f"aws_kms_key.{name} does not rotate")
    return problems


def versioning_problems(module: Module) -> list[str]:
    def check(body: dict) -> list[str]:
        status = block(body, "versioning_configuration").get("status")
        return [] if status == "Enabled" else [f"versioning status is {status!r}"]

    return each_bucket(module, "aws_s3_bucket_versioning", check)


def ownership_problems(module: Module) -> list[str]:
    def check(body: dict) -> list[str]:
        ownership = block(body, "rule").get("object_ownership")
        return [] if ownership == "BucketOwnerEnforced" else [f"object_ownership is {ownership!r}"]

    return each_bucket(module, "aws_s3_bucket_ownership_controls", check)


def tls_policy_problems(module: Module) -> list[str]:
    def check(body: dict) -> list[str]:
        name, doc = policy_document(module, body.get("policy"))
        for statement in blocks(doc, "statement"):
            conditions = blocks(statement, "condition")
            principals = [
                i for p in blocks(statement, "principals") for i in p.get("identifiers", [])
            ]
            if (
                statement.get("effect") == "Deny"
                and "s3:*" in statement.get("actions", [])
                and principals == ["*"]
                and any(
                    c.get("test") == "Bool"
                    and c.get("variable") == "aws:SecureTransport"
                    and c.get("values") == ["false"]
                    for c in conditions
                )
                and any(r.endswith(".arn}") for r in statement.get("resources", []))
                and any(r.endswith(".arn}/*") for r in statement.get("resources", []))
            ):
                return []
        return [f"policy {name} does not deny non-TLS requests to the bucket and its objects"]

    return each_bucket(module, "aws_s3_bucket_policy", check)


def lifecycle_problems(module: Module) -> list[str]:
    def enabled_rules(body: dict) -> list[dict]:
        return [r for r in blocks(body, "rule") if r.get("status") == "Enabled"]

    def check(body: dict) -> list[str]:
        problems = []
        rules = enabled_rules(body)
        aborts = [
            number(
                module, block(r, "abort_incomplete_multipart_upload").get("days_after_initiation")
            )
            for r in rules
            if r.get("abort_incomplete_multipart_upload")
        ]
        if not any(days and days >= 1 for days in aborts):
            problems.append("no enabled rule aborts incomplete multipart uploads")
        if not any(r.get("noncurrent_version_expiration") for r in rules):
            problems.append("no enabled rule expires noncurrent versions (versioned bucket)")
        return problems

    problems = each_bucket(module, "aws_s3_bucket_lifecycle_configuration", check)

    # The results bucket: query results expire after N days, over the whole output location.
    try:
        target = results_bucket(module)
        configs = per_bucket(module, "aws_s3_bucket_lifecycle_configuration").get(target, [])
        location = results_location(module)
    except AssertionError as error:
        return problems + [str(error)]
    result_key = location.split("}", 1)[1].lstrip("/") if location else ""
    expiring = []
    for body in configs:
        for rule in enabled_rules(body):
            expiration = rule.get("expiration")
            filters = rule.get("filter", [{}])
            prefix = filters[0].get("prefix", "") if filters else ""
            only_prefix = not filters or set(filters[0]) <= {"prefix"}
            if (
                expiration
                and number(module, expiration[0].get("days"))
                and only_prefix
                and result_key.startswith(prefix)
            ):
                expiring.append(rule)
    if not expiring:
        problems.append(
            "no enabled rule expires the query results (expiration.days) in the results bucket"
        )
    return problems


def results_location(module: Module) -> str:
    workgroups = list(module.resources.get("aws_athena_workgroup", {}).values())
    assert len(workgroups) == 1, f"expected one aws_athena_workgroup, found {len(workgroups)}"
    configuration = block(workgroups[0], "configuration")
    location = module.resolve(block(configuration, "result_configuration").get("output_location"))
    assert isinstance(location, str), f"output_location is {location!r}"
    return location


def workgroup_problems(module: Module) -> list[str]:
    workgroups = module.resources.get("aws_athena_workgroup", {})
    if len(workgroups) != 1:
        return [f"expected one aws_athena_workgroup, found {len(workgroups)}"]
    ((name, body),) = workgroups.items()
    problems = []
    try:
        configuration = block(body, "configuration")
        if configuration.get("enforce_workgroup_configuration") is not True:
            problems.append("enforce_workgroup_configuration is not true")
        engine = block(configuration, "engine_version").get("selected_engine_version")
        if engine != "Athena engine version 3":
            problems.append(f"engine version is {engine!r}")
        cutoff = number(module, configuration.get("bytes_scanned_cutoff_per_query"))
        if cutoff is None or cutoff < ATHENA_MIN_CUTOFF:
            problems.append(
                "bytes_scanned_cutoff_per_query is "
                f"{configuration.get('bytes_scanned_cutoff_per_query')!r}"
            )
        if configuration.get("publish_cloudwatch_metrics_enabled") is not True:
            problems.append("CloudWatch metrics are off")
        result = block(configuration, "result_configuration")
        location = results_location(module)
        if bucket_of_location(location) != results_bucket(module) or not location.endswith("/"):
            problems.append(f"output_location {location!r} is not a folder of the results bucket")
        encryption = block(result, "encryption_configuration")
        option = encryption.get("encryption_option")
        if option not in ("SSE_KMS", "SSE_S3"):
            problems.append(f"query results encryption is {option!r}")
        if option == "SSE_KMS" and not encryption.get("kms_key_arn"):
            problems.append("SSE_KMS without kms_key_arn")
    except AssertionError as error:
        problems.append(str(error))
    return [f"aws_athena_workgroup.{name}: {p}" for p in problems]


def glue_problems(module: Module) -> list[str]:
    problems = []
    names: dict[str, tuple[str, dict]] = {}
    for rname, keyed in module.instances("aws_glue_catalog_database").items():
        for key, body in keyed.items():
            name = key if body.get("name") == "${each.key}" else body.get("name")
            if name in names:
                problems.append(f"Glue database {name!r} declared twice")
            names[str(name)] = (rname, body)
            location = body.get("location_uri")
            if isinstance(location, str) and key is not None:
                location = location.replace("[each.key]", f'["{key}"]')
            bucket = bucket_of_location(location)
            # A layer at its bucket's root; gold's staging under its own prefix in gold's.
            if name == GOLD_STAGING:
                home, suffix, where = "gold", f"}}/{GOLD_STAGING}/", "gold_staging/ in gold's bucket"
            else:
                home, suffix, where = name, "}/", "its layer bucket's root"
            if (
                bucket is None
                or bucket[1] != home
                or bucket not in module.bucket_instances()
                or not str(location).endswith(suffix)
            ):
                problems.append(
                    f"Glue database {name!r}: location_uri {body.get('location_uri')!r} "
                    f"is not {where}"
                )
            if set(body.get("parameters") or {}) & {"table_type", "metadata_location"}:
                problems.append(f"Glue database {name!r} sets Iceberg table parameters")
    if set(names) != {*LAYERS, GOLD_STAGING}:
        problems.append(
            f"Glue databases are {sorted(names)}, expected {[*LAYERS, GOLD_STAGING]}"
        )
    for rtype in ("aws_glue_catalog_table", "aws_athena_named_query"):
        if module.resources.get(rtype):
            problems.append(f"{rtype} declared: the writers create the Iceberg tables")
    return problems


def backend_policy_documents(module: Module) -> tuple[list[str], list[str]]:
    """The policy documents granted to the backend's role, and problems finding them."""
    problems: list[str] = []
    roles = module.resources.get("aws_iam_role", {})
    if set(roles) != {"backend"}:
        return [], [f"expected one aws_iam_role 'backend', found {sorted(roles)}"]
    role = roles["backend"]
    for forbidden in ("managed_policy_arns", "inline_policy"):
        if forbidden in role:
            problems.append(f"aws_iam_role.backend sets {forbidden}")
    documents: list[str] = []
    for name, body in module.resources.get("aws_iam_role_policy", {}).items():
        try:
            documents.append(policy_document(module, body.get("policy"))[0])
        except AssertionError as error:
            problems.append(f"aws_iam_role_policy.{name}: {error}")
    policies = module.resources.get("aws_iam_policy", {})
    attachments = module.resources.get("aws_iam_role_policy_attachment", {})
    for name, body in attachments.items():
        arn = single_expression(body.get("policy_arn")) or ""
        match = re.fullmatch(r"aws_iam_policy\.(\w+)\.arn", arn)
        if not match or match.group(1) not in policies:
            problems.append(
                f"aws_iam_role_policy_attachment.{name} attaches {body.get('policy_arn')!r}, "
                "not a policy of this module"
            )
            continue
        try:
            documents.append(policy_document(module, policies[match.group(1)].get("policy"))[0])
        except AssertionError as error:
            problems.append(f"aws_iam_policy.{match.group(1)}: {error}")
    if not documents:
        problems.append("the backend's role has no policy")
    return documents, problems


def iam_problems(module: Module) -> list[str]:
    documents, problems = backend_policy_documents(module)
    docs = module.data.get("aws_iam_policy_document", {})
    for name in documents:
        statements = blocks(docs[name], "statement")
        if not statements or "dynamic" in docs[name]:
            problems.append(f"policy {name}: statements must be static blocks")
        for i, statement in enumerate(statements):
            where = f"policy {name} statement {statement.get('sid', i)}"
            if statement.get("effect", "Allow") != "Allow":
                continue
            for negated in ("not_actions", "not_resources", "not_principals"):
                if negated in statement:
                    problems.append(f"{where}: {negated} grants everything else")
            actions = statement.get("actions")
            if not isinstance(actions, list) or not actions:
                problems.append(f"{where}: actions must be a literal list")
            problems.extend(
                f"{where}: wildcard action {a!r}" for a in strings_in(actions) if "*" in a
            )
            resources = statement.get("resources")
            if not resources:
                problems.append(f"{where}: no resources")
            problems.extend(wildcard_problems(f"{where} resources", resources))

    trust = single_expression(
        module.resources.get("aws_iam_role", {}).get("backend", {}).get("assume_role_policy")
    )
    match = re.fullmatch(r"data\.aws_iam_policy_document\.(\w+)\.json", trust or "")
    trust_doc = docs.get(match.group(1), {}) if match else {}
    if not trust_doc:
        problems.append("the backend's trust policy is not an aws_iam_policy_document")
    if any(text.strip() == "*" for text in strings_in(trust_doc)):
        problems.append("the backend's trust policy trusts '*'")
    return problems


def config_problems(module: Module) -> list[str]:
    problems = []
    outputs = set(module.outputs)
    lakehouse = {o for o in outputs if o.startswith("lakehouse_")}
    extra, missing = lakehouse - set(CONFIG_OUTPUTS), set(CONFIG_OUTPUTS) - lakehouse
    if extra or missing:
        problems.append(f"lakehouse_* outputs: extra {sorted(extra)}, missing {sorted(missing)}")
    if outputs - lakehouse != OTHER_OUTPUTS:
        problems.append(
            f"other outputs are {sorted(outputs - lakehouse)}, expected {sorted(OTHER_OUTPUTS)}"
        )

    app_config = single_expression(module.outputs.get("app_config", {}).get("value")) or ""
    match = re.fullmatch(r"yamlencode\(\{lakehouse=(local\.\w+)\}\)", squash(app_config))
    if not match:
        return problems + [
            f"app_config must be yamlencode({{ lakehouse = local.<config> }}), is {app_config!r}"
        ]
    config = module.resolve("${" + match.group(1) + "}")
    if not isinstance(config, dict):
        return problems + [f"{match.group(1)} is not an object: {config!r}"]
    leaves = {path: module.resolve(value) for path, value in flatten(config).items()}
    keys, expected = (
        sorted(".".join(p) for p in paths) for paths in (leaves, CONFIG_OUTPUTS.values())
    )
    if keys != expected:
        problems.append(f"app_config keys are {keys}, expected {expected}")
    for output, path in CONFIG_OUTPUTS.items():
        if output not in module.outputs:
            continue
        value = module.resolve(module.outputs[output].get("value"))
        if path in leaves and value != leaves[path]:
            problems.append(
                f"output {output} is {value!r} "
                f"but app_config lakehouse.{'.'.join(path)} is {leaves[path]!r}"
            )
    return problems


def config_value_problems(module: Module) -> list[str]:
    """What each configuration value must point at."""
    values = {o: module.resolve(module.outputs.get(o, {}).get("value")) for o in CONFIG_OUTPUTS}
    problems = []
    if values["lakehouse_platform"] != "aws":
        problems.append(f"platform is {values['lakehouse_platform']!r}")
    if values["lakehouse_aws_region"] != "${var.region}":
        problems.append(f"region is {values['lakehouse_aws_region']!r}, not var.region")
    warehouse = values["lakehouse_warehouse"]
    gold = bucket_of_location(warehouse)
    if (
        not gold
        or gold[1] != "gold"
        or gold not in module.bucket_instances()
        or not str(warehouse).endswith("}/warehouse")
    ):
        problems.append(f"warehouse {warehouse!r} is not s3://<gold bucket>/warehouse")
    catalog_id = single_expression(values["lakehouse_catalog_glue_catalog_id"]) or ""
    if not re.fullmatch(r"data\.aws_caller_identity\.\w+\.account_id", catalog_id):
        problems.append(
            f"catalogId is {values['lakehouse_catalog_glue_catalog_id']!r}, not the account id"
        )
    workgroups = module.resources.get("aws_athena_workgroup", {})
    workgroup = single_expression(values["lakehouse_query_engine_athena_workgroup"]) or ""
    match = re.fullmatch(r"aws_athena_workgroup\.(\w+)\.name", workgroup)
    if not match or match.group(1) not in workgroups:
        problems.append(
            f"workgroup is {values['lakehouse_query_engine_athena_workgroup']!r}, "
            "not the workgroup's name"
        )
    try:
        if values["lakehouse_query_engine_athena_output_location"] != results_location(module):
            problems.append("outputLocation is not the workgroup's enforced result location")
    except AssertionError as error:
        problems.append(str(error))
    return problems


# ------------------------------------------------------------------------ tests --


def test_every_tf_file_parses(module: Module, terraform_dir: Path) -> None:
    assert [p.name for p in module.files] == sorted(p.name for p in terraform_dir.glob("*.tf"))
    assert not module.other.get("module"), "the root module uses no child modules"


def test_provider_is_pinned(module: Module) -> None:
    assert provider_problems(module) == []


def test_every_variable_has_type_and_description(module: Module) -> None:
    assert variable_problems(module) == []


def test_bucket_names_are_prefix_environment_layer(module: Module) -> None:
    assert bucket_name_problems(module) == []


def test_every_bucket_blocks_public_access(module: Module) -> None:
    assert public_access_problems(module) == []


def test_every_bucket_is_encrypted(module: Module) -> None:
    assert encryption_problems(module) == []


def test_every_bucket_is_versioned(module: Module) -> None:
    assert versioning_problems(module) == []


def test_every_bucket_enforces_bucket_owner(module: Module) -> None:
    assert ownership_problems(module) == []


def test_every_bucket_denies_insecure_transport(module: Module) -> None:
    assert tls_policy_problems(module) == []


def test_lifecycle_rules_expire_results_and_abort_uploads(module: Module) -> None:
    assert lifecycle_problems(module) == []


def test_workgroup_is_enforced_engine_v3_with_cutoff_and_results_bucket(module: Module) -> None:
    assert workgroup_problems(module) == []


def test_glue_databases_are_the_layers_in_their_buckets(module: Module) -> None:
    assert glue_problems(module) == []


def test_backend_policy_has_no_wildcards(module: Module) -> None:
    assert iam_problems(module) == []


def test_backend_policy_covers_what_the_backend_does(module: Module) -> None:
    documents, problems = backend_policy_documents(module)
    assert problems == []
    docs = module.data["aws_iam_policy_document"]
    granted = {
        action
        for name in documents
        for statement in blocks(docs[name], "statement")
        for action in statement.get("actions", [])
    }
    needed = {
        # Iceberg FileIO on S3 (conditional and multipart writes, maintenance deletes).
        "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket",
        "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts",
        # SSE-KMS objects.
        "kms:Decrypt", "kms:GenerateDataKey",
        # The Glue catalog.
        "glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables",
        "glue:CreateTable", "glue:UpdateTable", "glue:DeleteTable",
        # Athena queries.
        "athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults",
        "athena:StopQueryExecution", "athena:GetWorkGroup",
    }  # fmt: skip
    assert needed - granted == set()
    assert not {a for a in granted if a.startswith("glue:") and "Database" in a} - {
        "glue:GetDatabase",
        "glue:GetDatabases",
    }, "Terraform owns the databases: the backend must not create or delete them"


def test_lakehouse_outputs_are_exactly_the_config_keys(module: Module) -> None:
    assert config_problems(module) == []


def test_output_names_spell_their_config_keys(module: Module) -> None:
    def snake(segment: str) -> str:
        return re.sub(r"(?<!^)([A-Z])", r"_\1", segment).lower()

    for output, path in CONFIG_OUTPUTS.items():
        assert output == "_".join(["lakehouse", *map(snake, path)])
        assert (
            module.outputs[output].get("description", "").startswith("lakehouse." + ".".join(path))
        )


def test_config_values_point_at_the_right_resources(module: Module) -> None:
    assert config_value_problems(module) == []


def test_config_keys_are_declared_in_the_backend_schema(config_paths: set[tuple[str, ...]]) -> None:
    missing = [
        "lakehouse." + ".".join(path)
        for path in CONFIG_OUTPUTS.values()
        if ("lakehouse", *path) not in config_paths
    ]
    assert missing == [], f"not declared in plugins/lakehouse-backend/config.d.ts: {missing}"


def test_config_schema_reader_follows_nested_keys(config_paths: set[tuple[str, ...]]) -> None:
    # Keys that have long been in config.d.ts, at several depths and after `X & {`.
    for path in (
        ("lakehouse", "warehouse"),
        ("lakehouse", "kafka", "sasl", "password"),
        ("lakehouse", "jobs", "silver", "maxRowsPerRun"),
        ("lakehouse", "freshness", "layers", "gold"),
    ):
        assert path in config_paths, path
    assert ("lakehouse", "password") not in config_paths
    assert ("warnAfter",) not in config_paths  # a helper interface is not part of Config


# Each entry breaks a copy of the module in one way; its check must notice.
def _set(path: str, value: object) -> Callable[[Module], None]:
    """Sets (with _DELETE: removes) module.a[b][c] for "a.b.c"; digits index lists."""
    attribute, *steps = [int(p) if p.isdigit() else p for p in path.split(".")]

    def mutate(module: Module) -> None:
        target = getattr(module, str(attribute))
        for step in steps[:-1]:
            target = target[step]
        if value is _DELETE:
            del target[steps[-1]]
        else:
            target[steps[-1]] = value

    return mutate


_DELETE = object()
BREAKAGES: list[tuple[str, Callable[[Module], None], Check]] = [
    (
        "provider unpinned",
        _set("terraform.0.required_providers.0.aws.version", ">= 5.0"),
        provider_problems,
    ),
    (
        "variable without description",
        _set("variables.region.description", _DELETE),
        variable_problems,
    ),
    (
        "bucket name without environment",
        _set("resources.aws_s3_bucket.this.bucket", "${var.name_prefix}-${each.key}"),
        bucket_name_problems,
    ),
    (
        "public ACLs allowed",
        _set("resources.aws_s3_bucket_public_access_block.this.ignore_public_acls", False),
        public_access_problems,
    ),
    (
        "public access block misses the results bucket",
        lambda m: m.resources["aws_s3_bucket_public_access_block"]["this"].update(
            for_each="${toset(local.layers)}", bucket="${aws_s3_bucket.this[each.key].id}"
        ),
        public_access_problems,
    ),
    (
        "no encryption config",
        _set("resources.aws_s3_bucket_server_side_encryption_configuration", _DELETE),
        encryption_problems,
    ),
    (
        "KMS without bucket key",
        _set(
            "resources.aws_s3_bucket_server_side_encryption_configuration.this.rule.0.bucket_key_enabled",
            False,
        ),
        encryption_problems,
    ),
    (
        "versioning suspended",
        _set(
            "resources.aws_s3_bucket_versioning.this.versioning_configuration.0.status",
            "Suspended",
        ),
        versioning_problems,
    ),
    (
        "ACLs back on",
        _set(
            "resources.aws_s3_bucket_ownership_controls.this.rule.0.object_ownership",
            "ObjectWriter",
        ),
        ownership_problems,
    ),
    ("no bucket policy", _set("resources.aws_s3_bucket_policy", _DELETE), tls_policy_problems),
    (
        "TLS deny statement allows",
        _set("data.aws_iam_policy_document.bucket.statement.0.effect", "Allow"),
        tls_policy_problems,
    ),
    (
        "results never expire",
        _set(
            "resources.aws_s3_bucket_lifecycle_configuration.athena_results.rule.0.expiration",
            _DELETE,
        ),
        lifecycle_problems,
    ),
    (
        "layers keep failed uploads",
        _set(
            "resources.aws_s3_bucket_lifecycle_configuration.layer.rule.0.abort_incomplete_multipart_upload",
            _DELETE,
        ),
        lifecycle_problems,
    ),
    (
        "workgroup not enforced",
        _set(
            "resources.aws_athena_workgroup.this.configuration.0.enforce_workgroup_configuration",
            False,
        ),
        workgroup_problems,
    ),
    (
        "engine v2",
        _set(
            "resources.aws_athena_workgroup.this.configuration.0.engine_version.0.selected_engine_version",
            "Athena engine version 2",
        ),
        workgroup_problems,
    ),
    (
        "no cutoff",
        _set(
            "resources.aws_athena_workgroup.this.configuration.0.bytes_scanned_cutoff_per_query",
            _DELETE,
        ),
        workgroup_problems,
    ),
    (
        "results in the gold bucket",
        _set(
            "locals.athena_output_location",
            's3://${aws_s3_bucket.this["gold"].bucket}/results/',
        ),
        workgroup_problems,
    ),
    (
        "database in the wrong bucket",
        _set(
            "resources.aws_glue_catalog_database.layer.location_uri",
            's3://${aws_s3_bucket.this["gold"].bucket}/',
        ),
        glue_problems,
    ),
    (
        "a fourth database",
        _set("locals.layers", ["bronze", "silver", "gold", "staging"]),
        glue_problems,
    ),
    ("a Glue table", _set("resources.aws_glue_catalog_table", {"t": {"name": "x"}}), glue_problems),
    (
        "gold's staging at the gold bucket's root",
        _set(
            "resources.aws_glue_catalog_database.gold_staging.location_uri",
            's3://${aws_s3_bucket.this["gold"].bucket}/',
        ),
        glue_problems,
    ),
    (
        "action wildcard",
        lambda m: m.data["aws_iam_policy_document"]["backend"]["statement"][0]["actions"].append(
            "s3:Get*"
        ),
        iam_problems,
    ),
    (
        "resource wildcard",
        lambda m: m.data["aws_iam_policy_document"]["backend"]["statement"].append(
            {"actions": ["s3:GetObject"], "resources": ["*"]}
        ),
        iam_problems,
    ),
    (
        "every Glue table",
        lambda m: m.data["aws_iam_policy_document"]["backend"]["statement"].append(
            {"actions": ["glue:GetTable"], "resources": ["${local.glue_arn_prefix}:table/*"]}
        ),
        iam_problems,
    ),
    (
        "an AWS managed policy",
        _set(
            "resources.aws_iam_role_policy_attachment.backend.policy_arn",
            "arn:aws:iam::aws:policy/AmazonS3FullAccess",
        ),
        iam_problems,
    ),
    (
        "an extra lakehouse output",
        _set("outputs.lakehouse_extra", {"value": "x"}),
        config_problems,
    ),
    (
        "app_config drifts",
        _set("locals.lakehouse_config.aws.profile", "default"),
        config_problems,
    ),
    (
        "output differs from app_config",
        _set("outputs.lakehouse_aws_region.value", "eu-west-1"),
        config_problems,
    ),
    (
        "warehouse in silver",
        _set(
            "locals.lakehouse_config.warehouse",
            's3://${aws_s3_bucket.this["silver"].bucket}/warehouse',
        ),
        config_value_problems,
    ),
]


@pytest.mark.parametrize(
    "breakage, check", [(m, c) for _, m, c in BREAKAGES], ids=[d for d, _, _ in BREAKAGES]
)
def test_checks_catch_violations(
    module: Module, breakage: Callable[[Module], None], check: Check
) -> None:
    assert check(module) == [], "the module itself must pass the check first"
    broken = module.copy()
    breakage(broken)
    assert check(broken) != []


# ------------------------------------------------------------------- formatting --


def run_hclfmt(hclfmt: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([hclfmt, *args], capture_output=True, text=True, timeout=60)


def test_terraform_fmt_clean(hclfmt: str, terraform_dir: Path) -> None:
    files = sorted(str(p) for p in terraform_dir.rglob("*.tf") if ".terraform" not in p.parts)
    assert files
    result = run_hclfmt(hclfmt, *files)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", ""), (
        f"not `terraform fmt` clean (fix: {hclfmt} -w <file>):\n{result.stdout}{result.stderr}"
    )


def test_formatter_flags_and_fixes_unformatted_files(hclfmt: str, tmp_path: Path) -> None:
    messy = tmp_path / "messy.tf"
    original = (
        'variable "x" {\n  type = "string"\n  description = "d"\n}\nlocals {\n  y = "${var.x}"\n}\n'
    )
    messy.write_text(original)
    tidy = tmp_path / "tidy.tf"
    tidy.write_text('locals {\n  a   = 1\n  bcd = "${var.x}-z"\n}\n')

    checked = run_hclfmt(hclfmt, str(messy), str(tidy))
    assert checked.returncode == 1 and checked.stdout.splitlines() == [str(messy)]
    assert messy.read_text() == original, "a check must not write"

    fixed = run_hclfmt(hclfmt, "-w", str(messy))
    assert fixed.returncode == 0
    # Aligned, the legacy quoted type and the interpolation-only string rewritten.
    assert messy.read_text() == (
        'variable "x" {\n  type        = string\n  description = "d"\n}\nlocals {\n  y = var.x\n}\n'
    )
    assert run_hclfmt(hclfmt, str(messy)).returncode == 0

    broken = tmp_path / "broken.tf"
    broken.write_text("locals {\n  a = \n")
    failed = run_hclfmt(hclfmt, str(broken))
    assert failed.returncode == 2 and "broken.tf" in failed.stderr
