"""``zhifa reindex-laws``: rebuild the full-text index of every article."""

from zhifa.core.commands import ZhifaCommand

from ...services.law_index import reindex_all


class Command(ZhifaCommand):
    help = "重建法条全文检索索引"

    def run(self, *args, **options):
        self.stdout.write(f"已重建法条索引：{reindex_all()} 条")
