"""The knowledge base: the product ladder, its skills, and loading them from YAML."""
