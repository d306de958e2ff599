"""The shanhai ontology: OWL terms, SHACL shapes and the JSON-LD context.

``shanhai.ttl`` is the source of truth; :mod:`shanhai.ontology.ns` and
``context.jsonld`` are generated from it by ``python -m shanhai.ontology.generate``.
"""
