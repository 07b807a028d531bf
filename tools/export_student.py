"""Export the student of a distillation checkpoint as a plain recognizer.

    python tools/export_student.py CKPT OUT [--format plugin|mmaction2]

plugin: ``backbone.*`` / ``cls_head.*`` keys that the plugin's recognition
configs load (``load_from``, ``tools/test.py``); mmaction2: MMAction2's
``VisionTransformer`` / ``TimeSformerHead`` keys, which MMAction2's own
``configs/recognition/videomaev2/`` configs load. The teacher is never in a
distillation checkpoint, so nothing of it is carried over.
"""
import argparse
import sys

from vmae2_mmaction.cli import exits_on_errors, init_scope


@exits_on_errors
def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('checkpoint', help='TeacherStudentRecognizer checkpoint')
    parser.add_argument('out', help='output path')
    parser.add_argument('--format', choices=['plugin', 'mmaction2'], default='plugin')
    args = parser.parse_args()
    init_scope()
    import torch

    from vmae2_mmaction.checkpoint import (CheckpointError, read_checkpoint_file, to_mmaction2,
                                           unwrap_state_dict)
    try:
        state_dict = unwrap_state_dict(read_checkpoint_file(args.checkpoint))
    except CheckpointError as e:
        sys.exit(f'error: {e}')
    except KeyError as e:
        sys.exit(f'error: {args.checkpoint}: {e}')
    student = {k[len('student.'):]: v for k, v in state_dict.items() if k.startswith('student.')}
    if not student:
        sys.exit(f'error: {args.checkpoint} has no "student." weights: is it a '
                 'TeacherStudentRecognizer checkpoint?')
    dropped = sorted(k for k in state_dict if not k.startswith('student.'))
    if args.format == 'mmaction2':
        student = to_mmaction2(student)
    torch.save(
        dict(state_dict=student, meta=dict(exported_from=args.checkpoint, format=args.format)),
        args.out)
    print(f'wrote {args.out}: {len(student)} student tensors ({args.format} keys)' +
          (f'; left out: {", ".join(dropped)}' if dropped else ''))


if __name__ == '__main__':
    main()
