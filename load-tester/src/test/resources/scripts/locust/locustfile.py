# Two tasks, weighted 3:1, against the test target given with --host.
from locust import HttpUser, constant, task


class Shopper(HttpUser):
    wait_time = constant(0.01)

    @task(3)
    def browse(self):
        self.client.get("/slow", name="browse")

    @task(1)
    def missing(self):
        self.client.get("/item/404", name="missing item")
