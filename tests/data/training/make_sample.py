"""Regenerate tests/data/training/shared/: the first sentences of each shared training file.

    python tests/data/training/make_sample.py ../shared

Each file keeps its exact format (columns, comments, CRLF) so the readers meet the real layouts.
One NER-UI test sentence is also appended to the NER-UI train sample, so that the test sees dedup
remove it. The excerpts keep their upstream licences (see the shared READMEs).
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent / "shared"
N = {"training/pos-id-nlpid.txt": 60}


def first_blocks(path: Path, n: int) -> list[str]:
    blocks, block = [], []
    for line in path.read_bytes().decode("utf8").splitlines(keepends=True):
        if line.strip():
            block.append(line)
        elif block:
            blocks.append("".join(block) + line)
            block = []
            if len(blocks) == n:
                break
    if block and len(blocks) < n:
        blocks.append("".join(block) + "\n")
    return blocks


def sent_id(block: str) -> str:
    return next(line for line in block.splitlines() if line.startswith("# sent_id")).split("=")[1].strip()


def main(shared: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parents[3] / "training" / "scripts"))
    from corpora import SOURCES

    for source in SOURCES:
        blocks = first_blocks(shared / source.path, N.get(source.path, 12))
        if source.corpus == "en_ud":
            # UNER orders the EWT sentences differently: take the EWT sentences the UNER sample has
            uner = source.path.replace("ud-en/en_ewt-ud-", "ner-en/uner_en_ewt-").replace(".conllu", ".iob2")
            ids = {sent_id(b) for b in first_blocks(shared / uner, 12)}
            blocks = [b for b in first_blocks(shared / source.path, 10**6) if sent_id(b) in ids]
        if source.name == "id_nerui_train":
            blocks += first_blocks(shared / "ner/indolem-nerui/test.01.tsv", 1)
        out = HERE / source.path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes("".join(blocks).encode("utf8"))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
