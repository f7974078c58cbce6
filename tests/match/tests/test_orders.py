import pytest

from shop.orders import total


@pytest.mark.parametrize("items, expected", [([], 0), ([2, 3], 5)])
def test_total(items, expected):
    assert total(items) == expected
