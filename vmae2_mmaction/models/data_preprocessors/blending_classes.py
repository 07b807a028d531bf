"""Batch blending (Mixup / CutMix) told the classification head's classes."""
import copy
from typing import Optional


def with_blending_classes(data_preprocessor: Optional[dict], num_classes: int) -> Optional[dict]:
    """A copy of a data preprocessor config whose blending augments
    (``blending``: one augment, or ``RandomBatchAugment`` and its ``augments``)
    have ``num_classes``: unset ones take the head's, so a config states its
    classes once (in the head); a given one must equal it.

    Raises ``ValueError`` naming the augment whose ``num_classes`` differs.
    """
    if not isinstance(data_preprocessor, dict) or not data_preprocessor.get('blending'):
        return data_preprocessor
    data_preprocessor = copy.deepcopy(data_preprocessor)
    blending = data_preprocessor['blending']
    for augment in blending.get('augments', [blending]):
        given = augment.get('num_classes')
        if given is None:
            augment['num_classes'] = num_classes
        elif given != num_classes:
            raise ValueError(f"data_preprocessor.blending: {augment.get('type')} has "
                             f'num_classes={given}, the classification head {num_classes}')
    return data_preprocessor
