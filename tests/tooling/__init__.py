"""What ships around the code: the Dockerfile and the benches' own logic."""
