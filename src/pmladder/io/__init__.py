"""Infrastructure: reading and writing files safely, YAML with places, where user data lives."""
