"""FitGen in Simplified Chinese: source text -> translation, filled into fitgen_zh_CN.ts by
fill.py. Terms follow glossary-zh_CN.md (训练集, 验证集, 数据增强, 批次, 轮次, 检查点...)."""

TEXTS = {
    # -- the app ------------------------------------------------------------------------
    "Something went wrong": "出错了",
    "{error}\n\nYour settings and runs are safe.": "{error}\n\n您的设置和训练记录都完好无损。",
    # -- menus ----------------------------------------------------------------------------
    "&File": "文件(&F)",
    "&New project": "新建项目(&N)",
    "&Open project…": "打开项目(&O)…",
    "Recent projects": "最近的项目",
    "&Save project": "保存项目(&S)",
    "Save project &as…": "项目另存为(&A)…",
    "Choose training &folder…": "选择训练集文件夹(&F)…",
    "Runs &workspace folder…": "训练记录工作文件夹(&W)…",
    "&Quit": "退出(&Q)",
    "&Run": "运行(&R)",
    "&Start training": "开始训练(&S)",
    "S&top": "停止(&T)",
    "&Resume…": "继续训练(&R)…",
    "&Model": "模型(&M)",
    "&Evaluate": "评估(&E)",
    "&Predict images…": "预测图像(&P)…",
    "E&xport…": "导出(&X)…",
    "&Settings": "设置(&S)",
    "&Language": "语言(&L)",
    "The language changes when FitGen is started again.": "重新启动 FitGen 后语言才会更改。",
    "&Help": "帮助(&H)",
    "&Quick guide": "快速入门(&Q)",
    "&About FitGen": "关于 FitGen(&A)",
    "(none yet)": "(暂无)",
    "Quick guide": "快速入门",
    "About FitGen": "关于 FitGen",
    "FitGen {version}\nTrain image classifiers from folders of images.\nKeras 2's "
    "fit_generator and ImageDataGenerator, on Keras 3.":
        "FitGen {version}\n用图像文件夹训练图像分类器。\n在 Keras 3 上重现 Keras 2 的 "
        "fit_generator 和 ImageDataGenerator。",
    # -- the Quick guide ----------------------------------------------------------------
    """<h3>FitGen in six steps</h3>
<ol>
<li><b>Data</b>: choose the training folder (one sub-folder per class: <i>cats/</i>,
<i>dogs/</i>...) and a validation folder, or keep a share of the training images for
validation. FitGen counts the classes and reads every file once; problems are listed in
plain words. You can also drop a folder on the window.</li>
<li><b>Augmentation</b>: random changes to the training images (turns, shifts, zoom,
mirroring, brightness). The preview on the right shows a batch exactly as the model
receives it.</li>
<li><b>Model</b>: the small CNN learns from scratch on a CPU; the larger networks learn
much more from few images when they start from ImageNet weights.</li>
<li><b>Fit options</b>: epochs, steps, workers, class weights, seed, device, early stopping
and how many checkpoints to keep.</li>
<li>Press <b>Start training</b> (F5). The plots and the console follow every batch.
<b>Stop</b> keeps a checkpoint; <b>Resume…</b> continues any run from any kept epoch.
Every run is a folder of the Runs tab: open it to see its plots again.</li>
<li><b>Evaluate</b> (F6): accuracy per class, the confusion matrix (click a cell to see its
images), the model's worst mistakes and where it looked (Grad-CAM). <b>Predict</b>: drop new
images on the Predict tab. <b>Model ▸ Export…</b> writes the model for other programs, each
format checked to predict what FitGen predicts.</li>
</ol>
<p>When Start is greyed out, the red line under it says what to fix first.</p>
<p>The full guide is the project's README; programmers can feed their own generator
(Data source: A Python data file, see <i>docs/python-data-file.md</i>).</p>""":
    """<h3>六步上手 FitGen</h3>
<ol>
<li><b>数据</b>:选择训练集文件夹(每个类别一个子文件夹:<i>cats/</i>、<i>dogs/</i>……)和验证集文件夹,
或从训练集中划出一部分图像作为验证集。FitGen 会统计类别并逐一读取每个文件;发现的问题会用通俗的话列出。
也可以直接把文件夹拖到窗口上。</li>
<li><b>数据增强</b>:对训练图像做随机变换(旋转、平移、缩放、翻转、亮度)。右侧的预览显示的批次与模型实际接收到的完全一致。</li>
<li><b>模型</b>:小型 CNN 可在 CPU 上从零开始训练;较大的网络以 ImageNet 预训练权重为起点时,
用很少的图像就能学到更多。</li>
<li><b>训练选项</b>:轮次(epoch)、步数、工作进程数、类别权重、随机种子、设备、早停,以及保留多少个检查点。</li>
<li>按下<b>开始训练</b>(F5)。曲线图和控制台会跟随每个批次更新。<b>停止</b>时会保存检查点;
<b>继续训练…</b>可以从任意保留的轮次继续任何一次训练。每次训练都是“训练记录”标签页中的一个文件夹:打开它即可再次查看曲线。</li>
<li><b>评估</b>(F6):各类别准确率、混淆矩阵(点击单元格查看其中的图像)、模型最严重的错误以及它关注的区域(Grad-CAM)。
<b>预测</b>:把新图像拖到“预测”标签页。<b>模型 ▸ 导出…</b>将模型导出供其他程序使用,每种格式都会检查其预测与 FitGen 一致。</li>
</ol>
<p>“开始”按钮变灰时,它下方的红色提示会说明需要先解决什么。</p>
<p>完整指南见项目的 README;程序员可以接入自己的生成器(数据来源:Python 数据文件,见 <i>docs/python-data-file.md</i>)。</p>""",
    # -- window tabs and the settings (core/config.py, context Setting) ------------------
    'Data':
        '数据',
    'Augmentation':
        '数据增强',
    'Model':
        '模型',
    'Fit options':
        '训练选项',
    'Runs':
        '训练记录',
    'Augmentation preview':
        '数据增强预览',
    'Training':
        '训练',
    'Batches':
        '批次',
    'Evaluation':
        '评估',
    'Improve the data':
        '改进数据',
    'Predict':
        '预测',
    'Loading TensorFlow…':
        '正在加载 TensorFlow…',
    'Run name':
        '训练名称',
    'Data source':
        '数据来源',
    'Folders of images, one sub-folder per class; or your own generator in a Python file.':
        '图像文件夹(每个类别一个子文件夹),或 Python 文件中您自己的生成器。',
    'Image folders':
        '图像文件夹',
    'A Python data file (programmers)':
        'Python 数据文件(面向程序员)',
    'Training images':
        '训练集图像',
    'The folder of training images, with one sub-folder per class (cats/, dogs/...).':
        '训练集图像所在的文件夹,每个类别一个子文件夹(cats/、dogs/……)。',
    'Validation folder':
        '验证集文件夹',
    'The folder of validation images, one sub-folder per class.':
        '验证集图像所在的文件夹,每个类别一个子文件夹。',
    'Validation share':
        '验证集比例',
    "The share of each class's training images kept aside for validation.":
        '每个类别的训练集图像中留作验证集的比例。',
    'must be between 0 and 1 (a fraction, e.g. 0.2)':
        '必须介于 0 和 1 之间(一个比例,例如 0.2)',
    'Image size (h × w)':
        '图像尺寸(高 × 宽)',
    'Height and width the images are resized to.':
        '图像缩放到的高度和宽度。',
    'Colour':
        '颜色',
    'How many channels the model sees.':
        '模型看到的通道数。',
    'Colour (RGB)':
        '彩色(RGB)',
    'Grayscale':
        '灰度',
    'Colour + alpha (RGBA)':
        '彩色 + 透明度(RGBA)',
    'Labels':
        '标签',
    "How labels are given to the model; 'binary' needs exactly 2 classes.":
        '标签以何种形式交给模型;“二分类”要求恰好 2 个类别。',
    'One-hot (categorical)':
        '独热编码(categorical)',
    'Class index (sparse)':
        '类别索引(sparse)',
    'Binary (2 classes)':
        '二分类(2 个类别)',
    'Batch size':
        '批次大小',
    'Images per training step. Smaller uses less memory; larger trains faster per image.':
        '每个训练步的图像数。越小占用内存越少;越大则每张图像训练越快。',
    'Resizing':
        '缩放方式',
    "How images are resampled to the image size (Pillow's filter of that name, which an exported model's preprocessing.json names).":
        '图像缩放到目标尺寸时的重采样方法(Pillow 中同名的滤波器,导出模型的 preprocessing.json 会写明)。',
    'Bilinear':
        '双线性',
    'Nearest (Keras 2 default)':
        '最近邻(Keras 2 默认)',
    'Bicubic':
        '双三次',
    'Lanczos':
        'Lanczos',
    'Area (box)':
        '区域(box)',
    'Hamming':
        'Hamming',
    'Crop to keep the aspect ratio':
        '裁剪以保持宽高比',
    "Cut the centre of each image to the target's shape instead of stretching it.":
        '截取每张图像的中心部分以符合目标形状,而不是拉伸。',
    'Follow linked folders':
        '跟随链接的文件夹',
    'Include folders reached through links (shortcuts), and class folders that are links.':
        '包括通过链接(快捷方式)到达的文件夹,以及本身是链接的类别文件夹。',
    'Also read GIF and WebP files':
        '同时读取 GIF 和 WebP 文件',
    "Keras 2's flow_from_directory reads png, jpg, bmp, ppm and tif only; turn this off to train on exactly Keras 2's files.":
        'Keras 2 的 flow_from_directory 只读取 png、jpg、bmp、ppm 和 tif;关闭此项即可完全按 Keras 2 的文件范围训练。',
    'Fast reading of large photos (OpenCV)':
        '快速读取大尺寸照片(OpenCV)',
    "Decode JPEGs at reduced scale and resize with OpenCV: faster on large photos, but the pixels differ a little from Keras 2's and from what an exported model's preprocessing.json declares (its self-test then shows the difference).":
        '以缩小的比例解码 JPEG 并用 OpenCV 缩放:大照片上更快,但像素与 Keras 2 以及导出模型的 preprocessing.json 所声明的略有不同(其自检会显示差异)。',
    'Data file':
        '数据文件',
    'A file defining class_names and train_data(batch_size) (and val_data): see docs/python-data-file.md.':
        '定义 class_names 和 train_data(batch_size)(以及 val_data)的文件:见 docs/python-data-file.md。',
    'Rotation':
        '旋转',
    'Turn images by up to this many degrees, left or right.':
        '将图像向左或向右旋转,最多这么多度。',
    'Shift sideways':
        '水平平移',
    'Move images sideways by up to this share of their width.':
        '将图像左右平移,最多为其宽度的这一比例。',
    'Shift up/down':
        '垂直平移',
    'Move images up or down by up to this share of their height.':
        '将图像上下平移,最多为其高度的这一比例。',
    'Shear':
        '剪切',
    'Slant images by up to this angle, in degrees (Keras 2: 0.2 is almost nothing).':
        '将图像倾斜,最多这个角度(度)(Keras 2 中的 0.2 几乎没有效果)。',
    'Zoom':
        '缩放',
    'Zoom in or out by up to this share; width and height are zoomed separately.':
        '放大或缩小,最多这一比例;宽和高分别缩放。',
    'must be at least 0 and below 1 (0.2 zooms by up to 20% in or out)':
        '必须大于等于 0 且小于 1(0.2 表示最多放大或缩小 20%)',
    'Brightness':
        '亮度',
    'Multiply pixel values by a factor from the range (0.8 is 20% darker, 1.2 is 20% brighter).':
        '将像素值乘以该范围内的一个系数(0.8 暗 20%,1.2 亮 20%)。',
    'Colour shift':
        '颜色偏移',
    'Add a random amount (up to this) to every colour channel.':
        '给每个颜色通道加上一个随机量(最多为此值)。',
    'Fill uncovered areas':
        '空白区域填充',
    'What fills the corners uncovered by a rotation, shift or zoom out.':
        '旋转、平移或缩小后露出的角落用什么填充。',
    'Repeat the edge pixels':
        '重复边缘像素',
    'Mirror the image':
        '镜像图像',
    'Tile the image':
        '平铺图像',
    'A fixed value':
        '固定值',
    'Fill value':
        '填充值',
    'The pixel value used when filling with a fixed value (0 black, 255 white).':
        '用固定值填充时使用的像素值(0 为黑,255 为白)。',
    'Left–right':
        '左右翻转',
    'Mirror half of the images left to right.':
        '将一半图像左右翻转。',
    'Upside down':
        '上下翻转',
    'Flip half of the images upside down (only if that can happen in real images, e.g. cells).':
        '将一半图像上下翻转(仅当真实图像中可能出现这种情况时,例如细胞)。',
    'Rescale':
        '重新缩放',
    "Keras 2's rescale, after augmentation: 1/255 = 0.003922.":
        'Keras 2 的 rescale,在数据增强之后应用:1/255 = 0.003922。',
    'Subtract the dataset mean':
        '减去数据集均值',
    'Per channel, computed from a sample of the training images.':
        '按通道计算,取自训练集图像的一个样本。',
    'Divide by the dataset std':
        '除以数据集标准差',
    "Subtract each image's mean":
        '减去每张图像的均值',
    "Divide by each image's std":
        '除以每张图像的标准差',
    'ZCA whitening':
        'ZCA 白化',
    'Decorrelate pixels (only for images of 32×32 or less).':
        '去除像素间的相关性(仅适用于 32×32 及以下的图像)。',
    'ZCA epsilon':
        'ZCA epsilon',
    'Regularization of ZCA whitening.':
        'ZCA 白化的正则化项。',
    'Resampling':
        '重采样',
    'How pixels are resampled when images are turned or zoomed.':
        '旋转或缩放图像时像素的重采样方式。',
    'Architecture':
        '网络结构',
    'The network that learns. The small CNN is quick on a CPU; the others are stronger, and much stronger with ImageNet weights.':
        '用于学习的网络。小型 CNN 在 CPU 上很快;其他网络更强,使用 ImageNet 权重时更强得多。',
    'Small CNN (fast, learns simple images on a CPU)':
        '小型 CNN(快速,可在 CPU 上学习简单图像)',
    'MobileNetV3 Small':
        'MobileNetV3 Small',
    'MobileNetV3 Large':
        'MobileNetV3 Large',
    'EfficientNet B0':
        'EfficientNet B0',
    'EfficientNetV2 B0':
        'EfficientNetV2 B0',
    'ConvNeXt Tiny':
        'ConvNeXt Tiny',
    'ResNet50':
        'ResNet50',
    'Start from':
        '起始权重',
    'Start from weights learned on ImageNet (1.2 million photos) to learn from few images.':
        '从在 ImageNet(120 万张照片)上学到的权重开始,用少量图像即可学习。',
    'Train the whole network':
        '训练整个网络',
    'Off: only the new classification head learns (fast, good with pretrained weights and few images).':
        '关闭:只训练新的分类头(速度快,适合预训练权重和少量图像)。',
    'Dropout':
        'Dropout(随机失活)',
    'Share of features switched off at random in training, against overfitting.':
        '训练时随机关闭的特征比例,用于防止过拟合。',
    'Input size':
        '输入尺寸',
    'Images are resized to this inside the model.':
        '图像在模型内部缩放到此尺寸。',
    'Then fine-tune the top of the network':
        '然后微调网络的顶层',
    "Keras's transfer-learning recipe: the new head learns alone on the frozen network for the first half of the epochs, then the top 30% of the network's layers learn too, at a tenth of the learning rate (batch normalization stays frozen). Needs 'Train the whole network' off.":
        'Keras 的迁移学习做法:前一半轮次中,新的分类头在冻结的网络上单独训练,之后网络顶部 30% 的层也参与训练,学习率为十分之一(批归一化保持冻结)。需要关闭“训练整个网络”。',
    'Fine-tune from epoch':
        '从第几轮开始微调',
    'must be epoch 2 or later (epoch 1 trains the head)':
        '必须是第 2 轮或之后(第 1 轮训练分类头)',
    'Share of layers fine-tuned':
        '微调的层所占比例',
    'Fine-tuning learning-rate factor':
        '微调学习率系数',
    "Compute the frozen network's features once":
        '只计算一次冻结网络的特征',
    'While the network is frozen it sees each image the same way every epoch: FitGen runs it once per image, keeps what it sees in the run folder, and the head learns from that (epochs many times faster; the saved model is the whole network as usual). With augmentation, several augmented copies of each image are kept and the epochs take them in turn.':
        '网络冻结时,每一轮看到的每张图像都相同:FitGen 对每张图像只运行一次网络,把结果保存在训练记录文件夹中,分类头从这些结果中学习(每轮快很多倍;保存的模型照常是整个网络)。使用数据增强时,每张图像会保存几份增强副本,各轮次轮流使用。',
    'Augmented copies':
        '增强副本数',
    'With augmentation: augmented copies of each image computed once; more copies give more variety and take longer to compute.':
        '使用数据增强时:每张图像预先计算的增强副本数;副本越多变化越丰富,计算时间也越长。',
    'must be a whole number of copies from 1 to 100':
        '必须是 1 到 100 之间的整数副本数',
    'Optimizer':
        '优化器',
    'How the weights are updated. Adam is a good default.':
        '权重的更新方式。Adam 是不错的默认选择。',
    'Adam':
        'Adam',
    'AdamW':
        'AdamW',
    'SGD with momentum':
        '带动量的 SGD',
    'RMSprop':
        'RMSprop',
    'Learning rate':
        '学习率',
    'Step size of learning. Too high: the loss jumps or becomes NaN; too low: slow.':
        '学习的步长。过高:损失跳动或变成 NaN;过低:学得慢。',
    'must be a number above 0 (typically 0.0001 to 0.01)':
        '必须是大于 0 的数(通常为 0.0001 到 0.01)',
    'Schedule':
        '调度方式',
    'How the learning rate changes during training.':
        '训练过程中学习率如何变化。',
    'Constant':
        '恒定',
    'Cosine decay to 0':
        '余弦衰减到 0',
    'Step decay':
        '阶梯衰减',
    'Step decay factor':
        '阶梯衰减系数',
    'Step decay: multiply the rate by this...':
        '阶梯衰减:将学习率乘以此值……',
    'Step decay every':
        '阶梯衰减间隔',
    '...every this many epochs.':
        '……每隔这么多轮次。',
    'Warm-up':
        '预热',
    'Cosine decay: the learning rate rises from a tenth of its value to its value over these first epochs, then decays to 0 (0: no warm-up). Steadier first epochs on small data.':
        '余弦衰减:在最初这些轮次中,学习率从其十分之一升到设定值,然后衰减到 0(0 表示不预热)。小数据集上前几轮更稳定。',
    'Epochs':
        '轮次(epoch)',
    'Passes over the training images.':
        '遍历训练集图像的次数。',
    'Steps per epoch':
        '每轮步数',
    'Batches per epoch; automatic is every image once (ceil(images / batch size)).':
        '每轮的批次数;自动表示每张图像用一次(ceil(图像数 / 批次大小))。',
    'must be a whole number of batches from 1 to 10,000,000 (or empty for automatic)':
        '必须是 1 到 10,000,000 之间的整数批次数(留空表示自动)',
    'Validation steps':
        '验证步数',
    'Validation batches after an epoch; automatic is all.':
        '每轮结束后的验证批次数;自动表示全部。',
    'Validate every':
        '验证间隔',
    'Validate after every N epochs.':
        '每 N 轮验证一次。',
    'Workers':
        '工作线程',
    'Threads preparing batches while the model trains; 0 prepares them in turn.':
        '模型训练时准备批次的线程数;0 表示依次准备。',
    'Use processes instead of threads':
        '使用进程代替线程',
    'Rarely faster for image files; needs more memory.':
        '对图像文件很少更快;需要更多内存。',
    'Queue size':
        '队列大小',
    'Batches prepared ahead, at most.':
        '最多提前准备的批次数。',
    'Shuffle images every epoch':
        '每轮打乱图像顺序',
    'A new order every epoch (recommended).':
        '每轮使用新的顺序(推荐)。',
    'Class weights':
        '类别权重',
    'Make rare classes count more in the loss.':
        '让稀有类别在损失中占更大权重。',
    'Console':
        '控制台',
    "What the console shows, as Keras's verbose 1, 2 or 0.":
        '控制台显示的内容,相当于 Keras 的 verbose 1、2 或 0。',
    'Progress bar':
        '进度条',
    'One line per epoch':
        '每轮一行',
    'Silent':
        '静默',
    'Seed':
        '随机种子',
    'The same seed repeats the same shuffling, augmentation and dropout.':
        '相同的随机种子会重现相同的打乱、数据增强和 Dropout。',
    'Device':
        '设备',
    'Where the model trains. GPUs appear once TensorFlow has loaded.':
        '模型在哪里训练。TensorFlow 加载后会显示 GPU。',
    'Mixed precision (GPU)':
        '混合精度(GPU)',
    '16-bit arithmetic where safe: faster on recent GPUs, no use on a CPU.':
        '在安全的地方使用 16 位运算:在较新的 GPU 上更快,在 CPU 上无用。',
    'XLA compilation':
        'XLA 编译',
    'XLA compiles the training step into fused GPU code: often faster on a GPU after a longer first batch; rarely worth it on a CPU.':
        'XLA 把训练步编译成融合的 GPU 代码:在 GPU 上通常更快,但第一个批次更慢;在 CPU 上很少值得。',
    'Automatic (on with one GPU)':
        '自动(单个 GPU 时开启)',
    'On':
        '开启',
    'Off':
        '关闭',
    'Check every file before training':
        '训练前检查每个文件',
    'Find unreadable files first (they are skipped).':
        '先找出无法读取的文件(它们会被跳过)。',
    'Stop if unreadable above':
        '无法读取超过此比例时停止',
    'Stop when more than this share of images fails to load during training.':
        '训练中无法加载的图像超过此比例时停止。',
    'When the loss is NaN':
        '损失为 NaN 时',
    'What to do when the loss becomes NaN (not a number).':
        '损失变成 NaN(非数值)时怎么办。',
    'Stop':
        '停止',
    'Warn and go on':
        '警告并继续',
    'Stop early':
        '早停',
    'Stop when the watched value stops improving.':
        '监视的指标不再改善时停止。',
    'Watch':
        '监视',
    'The value to watch.':
        '要监视的指标。',
    'Validation loss':
        '验证集损失',
    'Validation accuracy':
        '验证集准确率',
    'Training loss':
        '训练集损失',
    'Training accuracy':
        '训练集准确率',
    'Patience':
        '耐心轮数',
    'Epochs without improvement to wait.':
        '等待多少轮没有改善。',
    'Smallest improvement':
        '最小改善量',
    "Keep the best epoch's weights":
        '保留最佳轮次的权重',
    'Lower the learning rate':
        '降低学习率',
    'Multiply the rate by the factor when the watched value stops improving (constant schedule only).':
        '监视的指标不再改善时将学习率乘以该系数(仅限恒定调度)。',
    'Factor':
        '系数',
    'Multiply the rate by this.':
        '将学习率乘以此值。',
    'Epochs to wait.':
        '等待的轮次数。',
    'Lowest learning rate':
        '最低学习率',
    'Write TensorBoard logs':
        '写入 TensorBoard 日志',
    "In the run folder's tensorboard/ sub-folder.":
        '写在训练记录文件夹的 tensorboard/ 子文件夹中。',
    'Profile batches':
        '性能分析批次',
    'Training batches to profile, e.g. 10-30.':
        '要进行性能分析的训练批次,例如 10-30。',
    'Best epoch by':
        '最佳轮次依据',
    'The value that decides which epoch is the best.':
        '决定哪一轮最佳的指标。',
    'Keep checkpoints':
        '保留检查点',
    "Checkpoints of the newest epochs kept; the best epoch's is kept as well.":
        '保留最新几轮的检查点;最佳轮次的检查点也会保留。',
    'must be a whole number of checkpoints (0 keeps all)':
        '必须是整数个检查点(0 表示全部保留)',
    'Final model':
        '最终模型',
    "What model.keras is when training ends: the best epoch's checkpoint, or the model after the last epoch.":
        '训练结束时 model.keras 是什么:最佳轮次的检查点,或最后一轮之后的模型。',
    'The best epoch (by the value above)':
        '最佳轮次(按上面的指标)',
    'The last epoch':
        '最后一轮',
    # -- panels, views, dialogs, widgets, flows and plots (issue 29, second pass) ----------
    # Augmentation tab
    'Each training image is changed at random every time it is used; the preview shows a batch exactly as the model receives it.':
        '每次使用训练图像时都会对其做随机变换;预览显示的批次与模型实际接收到的完全一致。',
    'Position and shape':
        '位置和形状',
    'Mirror':
        '镜像翻转',
    'Brightness and colour':
        '亮度和颜色',
    'Scaling and normalization':
        '缩放和归一化',
    'The models already scale pixels from 0–255 themselves; these options are for special cases and for Keras 2 habits.':
        '模型本身已会缩放 0–255 的像素值;这些选项用于特殊情况,以及沿用 Keras 2 的习惯。',
    'ε':
        'ε',
    # Batches tab
    'Batch':
        '批次',
    'The batch number over the whole run, from 1 (epoch 2 starts after the batches of epoch 1).':
        '整个训练中的批次编号,从 1 开始(第 2 轮接在第 1 轮的批次之后)。',
    'Show batch':
        '显示批次',
    'Rebuild this batch exactly as training gets it (same seed, order, augmentation, class weights).':
        '按训练时的样子完全重建这个批次(相同的随机种子、顺序、数据增强和类别权重)。',
    'Go to loss spike':
        '转到损失突变处',
    'In the run shown in the Training tab, find the batch whose loss became NaN or jumped the most, and show it.':
        '在“训练”标签页显示的训练中,找出损失变为 NaN 或跳升最多的批次并显示它。',
    '16 augmentations':
        '16 种数据增强',
    'The selected image (click one) 16 times, each with the augmentation drawn anew.':
        '所选图像(点击一张)显示 16 次,每次重新随机生成数据增强。',
    'Tune loader…':
        '调优数据加载…',
    'Input values per channel':
        '各通道的输入值',
    'No run is shown in the Training tab: train or open a run first, then look for its loss spike.':
        '“训练”标签页中没有显示任何训练:请先训练或打开一次训练,再查找其损失突变处。',
    # Evaluation tab and confusion matrix
    'Rows: the true class; columns: the predicted class. Click a cell to see its images.':
        '行:真实类别;列:预测类别。点击单元格查看其中的图像。',
    'Validation data':
        '验证集数据',
    'Training data':
        '训练集数据',
    'Another folder…':
        '其他文件夹…',
    "The images to evaluate on: the run's own, or a folder with one sub-folder per class (the model's class names).":
        '用于评估的图像:该训练自己的数据,或每个类别一个子文件夹的文件夹(子文件夹名即模型的类别名)。',
    'Evaluate':
        '评估',
    'Cancel':
        '取消',
    'Export model…':
        '导出模型…',
    'Choose a model and press Evaluate to see how good it is.':
        '选择一个模型并点击“评估”,查看它的效果。',
    'Precision: of the images the model called this class, the share that are. Recall: of the images of this class, the share it found. F1: both in one number.':
        '精确率:被模型判为该类别的图像中真正属于该类别的比例。召回率:该类别的图像中被模型找出的比例。F1:把两者合成一个数。',
    'Row shares (%)':
        '按行占比(%)',
    'Each row as shares of its images (it sums to 100%), instead of counts.':
        '每行显示为其图像的占比(合计 100%),而不是数量。',
    'Confusion matrix (rows: true class, columns: predicted)':
        '混淆矩阵(行:真实类别,列:预测类别)',
    'Matrix cell':
        '矩阵单元格',
    'Most confident mistakes':
        '最有把握的错误',
    'Least sure':
        '最没把握',
    'A folder with one sub-folder per class':
        '每个类别一个子文件夹的文件夹',
    'The evaluation was cancelled.':
        '评估已取消。',
    'Evaluation failed':
        '评估失败',
    # Console
    'What Keras prints appears here while training runs.':
        '训练期间 Keras 的输出会显示在这里。',
    # Data tab
    'Images':
        '图像',
    'Choose a Python data file':
        '选择 Python 数据文件',
    "FitGen runs this file's code to get the batches, in the preview and in training. Choose only files you trust.":
        'FitGen 会运行这个文件的代码来获取批次(预览和训练中都会)。请只选择您信任的文件。',
    'Choose the training folder (one sub-folder per class)':
        '选择训练集文件夹(每个类别一个子文件夹)',
    'Validation':
        '验证集',
    'Classes':
        '类别',
    'Choose a training folder.':
        '请选择训练集文件夹。',
    'Data check':
        '数据检查',
    'Check again':
        '重新检查',
    'Read every file again (after fixing files on disk).':
        '重新读取每个文件(在磁盘上修正文件之后)。',
    'Reading images':
        '图像读取',
    'Choose a training folder: one sub-folder per class.':
        '请选择训练集文件夹:每个类别一个子文件夹。',
    'Scanning…':
        '正在扫描…',
    'Loading the data file…':
        '正在加载数据文件…',
    'Choose a data file.':
        '请选择数据文件。',
    # Improve the data: duplicates, fixes, image detail
    'This file is not there any more (moved or excluded?).':
        '这个文件已不在原处(已移动或已排除?)。',
    'Move to class ▸':
        '移到类别 ▸',
    "Move the image into another class folder (journaled in the dataset's fixes.jsonl; Undo puts it back).":
        '把图像移到另一个类别文件夹(记录在数据集的 fixes.jsonl 中;“撤销”可移回)。',
    'Exclude':
        '排除',
    'Move the image to _excluded/<its class>/ beside the class folders: left out of training, never deleted.':
        '把图像移到类别文件夹旁边的 _excluded/<其类别>/ 中:不参与训练,但绝不删除。',
    'Undo':
        '撤销',
    'Fixes ▾':
        '修正记录 ▾',
    'Every fix of this dataset (its fixes.jsonl): choose one to undo it.':
        '这个数据集的所有修正(其 fixes.jsonl):选择一项即可撤销。',
    'Undo all':
        '全部撤销',
    'Choose an image':
        '请选择一张图像',
    'Open':
        '打开',
    "Open the image in the system's viewer.":
        '用系统的看图程序打开这张图像。',
    'Show folder':
        '显示文件夹',
    'Grad-CAM':
        'Grad-CAM',
    'Where the model looked for the predicted class: bright areas weighed most (Grad-CAM on the last convolution).':
        '模型判断预测类别时关注的区域:越亮的区域权重越大(最后一个卷积层上的 Grad-CAM)。',
    'Loading…':
        '正在加载…',
    'This file cannot be read now.':
        '现在无法读取这个文件。',
    'Computing Grad-CAM…':
        '正在计算 Grad-CAM…',
    'Folds':
        '折数',
    "K: each fold's model trains on the other K-1 folds and predicts its own images, which it never saw.":
        'K:每一折的模型在其余 K-1 折上训练,再预测本折中它从未见过的图像。',
    'Find likely label errors':
        '查找疑似标注错误',
    'Stop after the current batch; finished folds are kept and reused next time.':
        '在当前批次之后停止;已完成的折会保留,下次直接复用。',
    'Train again':
        '重新训练',
    "A new run with this run's settings on the folders as they are now (after your fixes).":
        '用这次训练的设置,在文件夹当前的内容上(您修正之后)开始一次新的训练。',
    'Choose a run (Runs tab, or train one) to look for label errors in its training images.':
        '请选择一次训练(在“训练记录”标签页中,或训练一次),以查找其训练集图像中的标注错误。',
    'Show':
        '显示',
    'Only the images of one folder that look like another class.':
        '只显示某个文件夹中看起来像另一个类别的图像。',
    'Likely label errors':
        '疑似标注错误',
    'Find near-duplicates':
        '查找近似重复',
    "Read every image of the run's folders and compare their perceptual hashes.":
        '读取该训练所用文件夹中的每张图像,并比较它们的感知哈希。',
    'Near-duplicates':
        '近似重复',
    'Working out the folds…':
        '正在划分折…',
    # Training tab plots
    'Profile 20 batches':
        '分析 20 个批次的性能',
    "Write a TensorBoard profile of the next 20 training batches into the run folder, and show the profiler's verdict on the input pipeline.":
        '把接下来 20 个训练批次的 TensorBoard 性能分析写入训练记录文件夹,并显示分析器对输入管道的结论。',
    'Measure the data alone, the model alone and both, and find the fastest number of workers.':
        '分别测量只读数据、只跑模型和两者同时的速度,并找出最快的工作进程数。',
    "The share of each class in the training folder, in the last epoch's training batches and in its validation batches.":
        '各类别在训练集文件夹、上一轮的训练批次及其验证批次中所占的比例。',
    'Data feed: the time each batch waited for data appears here while training.':
        '数据供给:训练期间,每个批次等待数据的时间会显示在这里。',
    'Smoothing of batch curves':
        '批次曲线平滑',
    "Averages the noisy per-batch values (like TensorBoard's smoothing); the faint line shows them raw.":
        '对波动较大的逐批次数值做平均(类似 TensorBoard 的平滑);浅色线显示原始数值。',
    # Tune loader dialog
    'Tune loader':
        '调优数据加载',
    'Measures how fast the data alone, the model alone and full training go (20 batches each), then tries other numbers of workers, queue sizes and worker processes on full training. More workers are recommended only when the data is slower than the model.':
        '分别测量只读数据、只跑模型和完整训练的速度(各 20 个批次),然后在完整训练上尝试其他的工作进程数、队列大小和多进程设置。只有当数据比模型慢时才建议增加工作进程。',
    'Measure':
        '测量',
    'Apply':
        '应用',
    'Write the recommended setting into Fit options.':
        '把建议的设置写入“训练选项”。',
    # Main window
    'FitGen':
        'FitGen',
    "Profiling the next 20 batches; the profiler's verdict appears here when they are done.":
        '正在分析接下来 20 个批次的性能;完成后分析器的结论会显示在这里。',
    'Folder for the runs':
        '训练记录的文件夹',
    'TensorFlow could not load':
        '无法加载 TensorFlow',
    'Training is running':
        '正在训练',
    'Stop the training and close FitGen? What was learned is kept as a checkpoint, and the run can be resumed later.':
        '要停止训练并关闭 FitGen 吗?已学到的内容会保存为检查点,之后可以继续训练。',
    # Model tab
    'Network':
        '网络',
    'Download':
        '下载',
    'Download the ImageNet weights of this network from where Keras gets them (or the mirror in FITGEN_WEIGHTS_MIRROR), check them and keep them for next time.':
        '从 Keras 获取权重的地址(或 FITGEN_WEIGHTS_MIRROR 中的镜像)下载该网络的 ImageNet 预训练权重,校验后保存以便下次使用。',
    'Learning':
        '学习',
    'every':
        '每',
    'The small CNN always learns from scratch.':
        '小型 CNN 总是从零开始训练。',
    # Model picker
    'A run of the Runs tab (newest first), or a model file.':
        '“训练记录”标签页中的一次训练(最新的在前),或一个模型文件。',
    "The run's final model (model.keras) or the checkpoint of a kept epoch.":
        '该训练的最终模型(model.keras)或某个保留轮次的检查点。',
    'Model file…':
        '模型文件…',
    'A .keras file of a FitGen export folder (with its labels.txt and preprocessing.json).':
        'FitGen 导出文件夹中的 .keras 文件(连同其 labels.txt 和 preprocessing.json)。',
    'No trained model yet: train one first':
        '还没有训练好的模型:请先训练一个',
    'A FitGen model file':
        'FitGen 模型文件',
    # Inputs
    'to':
        '至',
    'Browse…':
        '浏览…',
    'Random':
        '随机',
    'Choose the validation folder':
        '选择验证集文件夹',
    'Images kept apart to measure the model, with the same class sub-folders as the training folder.':
        '单独留出用于衡量模型的图像,类别子文件夹与训练集文件夹相同。',
    "The share of each class's training images kept for validation.":
        '每个类别的训练集图像中留作验证集的比例。',
    'The model is not measured on unseen images.':
        '不会在未见过的图像上衡量模型。',
    'Choose a weights file (.h5, without top)':
        '选择权重文件(.h5,不含顶层)',
    'Weights of the same architecture, without its classification top.':
        '同一架构的权重,不含其分类顶层。',
    # Predict tab
    'Choose images…':
        '选择图像…',
    'Choose folder…':
        '选择文件夹…',
    'Every image in the folder and its sub-folders.':
        '文件夹及其子文件夹中的所有图像。',
    'Save CSV…':
        '保存 CSV…',
    'file, predicted, confidence, one column per class, error: the columns of `fitgen predict`.':
        '“file”、“predicted”、“confidence”、每个类别一列、“error”:与 `fitgen predict` 的列相同。',
    'Drop images or a folder here, or choose them.':
        '把图像或文件夹拖到这里,或点击选择。',
    'A folder of images to predict':
        '要预测的图像文件夹',
    'Train a model first (or choose a model file), then drop the images again.':
        '请先训练一个模型(或选择模型文件),然后再次拖入图像。',
    'No image files there.':
        '那里没有图像文件。',
    'Save the predictions':
        '保存预测结果',
    'Could not save':
        '无法保存',
    # Augmentation preview
    'New batch':
        '新批次',
    "Show the next batch of images (a data file's generator starts again after it raised).":
        '显示下一批图像(数据文件的生成器出错后会重新开始)。',
    'New augmentation':
        '新的数据增强',
    'The same images with new random changes.':
        '同样的图像,换一组新的随机变换。',
    'Show originals':
        '显示原图',
    'Before/after: the same images without augmentation.':
        '前后对比:同样的图像,不做数据增强。',
    'How many images of the batch to show.':
        '显示批次中的多少张图像。',
    'Preparing a batch…':
        '正在准备批次…',
    # Project files, resume, run flow
    'Open a FitGen project':
        '打开 FitGen 项目',
    'Cannot open the project':
        '无法打开项目',
    'Save the project':
        '保存项目',
    'Cannot save the project':
        '无法保存项目',
    'Training continues from the chosen epoch with its weights and optimizer state; a stopped epoch continues at the batch where it stopped, as if it had never stopped. Later epochs are set aside in the run folder, not deleted.':
        '训练从所选轮次继续,沿用其权重和优化器状态;中途停止的轮次会从停止时的批次接着训练,就像从未停止过一样。之后的轮次会在训练记录文件夹中另存,不会删除。',
    'Train until epoch':
        '训练到第几轮',
    'Resume':
        '继续训练',
    'Cannot train again':
        '无法重新训练',
    'Cannot resume':
        '无法继续训练',
    'Start the run again?':
        '要重新开始这次训练吗?',
    'Open other runs when the current training ends.':
        '请在当前训练结束后再打开其他训练记录。',
    'Training stopped':
        '训练已停止',
    # Run bar
    'Start training':
        '开始训练',
    'Stop after the current batch; what was learned is saved as a checkpoint.':
        '在当前批次之后停止;已学到的内容会保存为检查点。',
    'Resume…':
        '继续训练…',
    'Starting…':
        '正在启动…',
    'A training is running.':
        '正在进行一次训练。',
    'Train a new run with these settings (F5).':
        '用这些设置开始一次新的训练(F5)。',
    'Stopping…':
        '正在停止…',
    'Stopping after the current batch…':
        '将在当前批次之后停止…',
    'Stopping before the first batch (a step being compiled cannot be interrupted; it ends in a moment)…':
        '正在第一个批次之前停止(正在编译的步骤无法中断,很快就会结束)…',
    # Runs tab
    'Change…':
        '更改…',
    'The folder where runs are saved.':
        '保存训练记录的文件夹。',
    "Show the run's plots and console.":
        '显示该训练的曲线和控制台。',
    'Continue from one of its checkpoints.':
        '从它的某个检查点继续训练。',
    'How good its model is, per class, on its validation data (Evaluation tab).':
        '它的模型在验证集数据上各类别的效果(“评估”标签页)。',
    'Export…':
        '导出…',
    'Write its model as .keras, SavedModel, ONNX or TFLite, self-tested.':
        '把它的模型导出为 .keras、SavedModel、ONNX 或 TFLite,并自动检验。',
    'Refresh':
        '刷新',
    "The best epoch by the run's monitored metric; its checkpoint is kept.":
        '按该训练所监视指标的最佳轮次;其检查点会保留。',
    # Fit options tab
    'Length':
        '训练时长',
    'Feeding the model':
        '数据供给',
    'Running':
        '运行',
    'During training':
        '训练过程中',
    'waiting':
        '等待',
    'after':
        '在',
    'and the best by':
        '以及最佳轮次,依据',
    'A checkpoint is saved after every epoch, so a run can be resumed from any kept epoch.':
        '每一轮之后都会保存检查点,因此可以从任意保留的轮次继续训练。',
    # Export dialog
    'Each format is written with labels.txt, preprocessing.json and a README of loading code, then checked: it predicts validation images in its own runtime, and must agree with FitGen on at least 99% of them (97% for int8).':
        '每种格式都会连同 labels.txt、preprocessing.json 和一份含加载代码的 README 一起写出,然后进行检查:在它自己的运行时中预测验证集图像,且至少 99% 的结果必须与 FitGen 一致(int8 为 97%)。',
    'Folder':
        '文件夹',
    'The export folder':
        '导出文件夹',
    'One sub-folder per format is written here.':
        '每种格式会在这里写入一个子文件夹。',
    'Replace the folder if it exists and is not empty':
        '如果文件夹已存在且不为空,则替换它',
    'Export':
        '导出',
    'Open folder':
        '打开文件夹',
    'Exporting… (each format takes a few seconds to a minute)':
        '正在导出…(每种格式需要几秒到一分钟)',
    # Data file questions
    "Run the project's data file?":
        '要运行项目的数据文件吗?',
    "Run the run's data file?":
        '要运行该训练的数据文件吗?',
    # -- table headers, placeholders, the Before-training line (issue 29, third pass) ------
    'Class':
        '类别',
    'Precision':
        '精确率',
    'Recall':
        '召回率',
    'F1':
        'F1',
    'Choose a folder…':
        '选择文件夹…',
    'Choose a file…':
        '选择文件…',
    'Choose a training folder to see a batch.':
        '请选择训练集文件夹以查看批次。',
    'Choose a data file to see its batches.':
        '请选择数据文件以查看其批次。',
    'Before training: {problems}':
        '训练前需要处理:{problems}',
    'Not ready to train yet.':
        '尚不能开始训练。',
    'Before training:\n{problems}':
        '训练前需要处理:\n{problems}',
    'A separate folder':
        '单独的文件夹',
    'A share of the training images':
        '从训练集图像中划出一部分',
    'No validation':
        '不使用验证集',
    '{help} You can also drop a folder on the window.':
        '{help}也可以直接把文件夹拖到窗口上。',
    # -- the panels' own choices (not core/config.py's) ---------------------------------
    'Bilinear (smooth)':
        '双线性(平滑)',
    'Nearest (sharp, for masks)':
        '最近邻(锐利,适合掩码)',
    'Vary brightness':
        '随机改变亮度',
    'Multiply pixels by':
        '像素值乘以',
    'None':
        '无',
    'Balanced (rarer classes count more)':
        '平衡(样本少的类别权重更大)',
    'Per class…':
        '逐类别设置…',
    'Automatic (GPU when there is one)':
        '自动(有 GPU 时使用 GPU)',
    'None: learn from scratch':
        '无:从零开始训练',
    'From a file…':
        '从文件加载…',
}

PLURALS: dict[str, str] = {
}

# -- issue 29, part 2: whole-sentence templates, engine messages, plots, dialogs ------------
TEXTS.update({
    # the engine's messages (context Engine, ui/shell/engine_texts.py)
    "choose the folder of training images (one sub-folder per class)":
        "请选择训练集图像所在的文件夹(每个类别一个子文件夹)",
    "folder '{path}' does not exist": "文件夹“{path}”不存在",
    "'{path}' is a file; choose the folder that holds {what}":
        "“{path}”是一个文件;请选择存放{what}的文件夹",
    "use either a validation folder or a validation split, not both (set one of them to "
    "empty/0)": "验证集文件夹和验证集比例只能二选一(把其中一个设为空或 0)",
    "choose a data file (a Python file defining class_names and train_data)":
        "请选择数据文件(定义了 class_names 和 train_data 的 Python 文件)",
    "must be a Python file (.py)": "必须是 Python 文件(.py)",
    "file '{path}' does not exist": "文件“{path}”不存在",
    "the low value must not be above the high value": "下限不能大于上限",
    "fine-tuning is for pretrained backbones; the small CNN learns whole from the start":
        "微调只适用于预训练的主干网络;小型 CNN 从一开始就训练整个网络",
    "ImageNet weights expect colour images; use 'rgb'": "ImageNet 权重需要彩色图像;请使用“rgb”",
    "the small CNN has no pretrained weights; choose 'none'": "小型 CNN 没有预训练权重;请选择“none”",
    "speeds up GPUs only; turn it off when training on the CPU":
        "只能加速 GPU;在 CPU 上训练时请关闭",
    "needs at least 1 worker": "至少需要 1 个工作进程",
    "Folder '{path}' does not exist.": "文件夹“{path}”不存在。",
    "Folder '{path}' has {count} class{listed} with images; at least 2 class sub-folders are "
    "needed.": "文件夹“{path}”中只有 {count} 个含图像的类别{listed};至少需要 2 个类别子文件夹。",
    "Hidden and system files in {where} are ignored (.DS_Store, Thumbs.db, ._ files...).":
        "{where}中的隐藏文件和系统文件会被忽略(.DS_Store、Thumbs.db、._ 文件……)。",
    "Files in {where} without an image extension are ignored (images: {extensions}).":
        "{where}中没有图像扩展名的文件会被忽略(图像:{extensions})。",
    "Files directly in {where} belong to no class and are ignored; move them into a class "
    "sub-folder.": "直接放在{where}中的文件不属于任何类别,会被忽略;请把它们移到某个类别子文件夹中。",
    "Images in sub-folders of a class folder count for that class.":
        "类别文件夹的子文件夹中的图像也计入该类别。",
    "Cannot be read: {reason}. These files are skipped in training.":
        "无法读取:{reason}。训练时会跳过这些文件。",
    "Grayscale images are read as colour (gray in all 3 channels).":
        "灰度图像按彩色读取(3 个通道都是灰度值)。",
    "Class folder(s) {names} have no readable images.": "类别文件夹 {names} 中没有可读取的图像。",
    "Class(es) {names} have no validation folder; validation does not measure them.":
        "类别 {names} 没有验证集文件夹;验证不会衡量这些类别。",
    "Class(es) {names} are only in the validation folder; they are left out.":
        "类别 {names} 只出现在验证集文件夹中;它们不参与。",
    "Very few training images in {names}; {count} or more per class are recommended, "
    "hundreds are better.": "{names} 的训练集图像很少;建议每个类别至少 {count} 张,几百张更好。",
    "The classes are unbalanced (largest {high}, smallest {low} images). Class weights that "
    "balance them: {weights} (class weight 'balanced').":
        "各类别数量不平衡(最多 {high} 张,最少 {low} 张)。可以平衡它们的类别权重:{weights}"
        "(类别权重“balanced”)。",
    "The same images are in training and validation; validation scores will look better "
    "than they are. Remove one copy.":
        "训练集和验证集中有相同的图像;验证分数会显得比实际更好。请删除其中一份。",
    "The same images are in different classes; the model cannot learn both labels.":
        "相同的图像出现在不同类别中;模型无法同时学会两个标签。",
    "Identical copies of images (same content) in the same class; they count more than once.":
        "同一类别中有内容完全相同的图像副本;它们会被计算多次。",
    "{count} validation image(s) are near-identical to training images (resized, re-saved or "
    "copied): validation copies of training images make accuracy look better than it is. "
    "Exclude one image of each pair.":
        "{count} 张验证集图像与训练集图像近似相同(缩放、重新保存或复制所致):验证集中的训练图像副本"
        "会让准确率显得比实际更好。请排除每对中的一张。",
    "{count} pair(s) of near-identical images are in different classes; at least one label of "
    "each pair is wrong.": "{count} 对近似相同的图像属于不同类别;每对中至少有一个标签是错的。",
    "{count} pair(s) of near-identical images (resized, re-saved or copied) in the same class; "
    "each counts more than once.":
        "同一类别中有 {count} 对近似相同的图像(缩放、重新保存或复制所致);每张都会被计算多次。",
    "{kinds} files are read too (Keras 2's flow_from_directory skips them; turn off 'Also read "
    "GIF and WebP files' to train on exactly Keras 2's files).":
        "{kinds} 文件也会被读取(Keras 2 的 flow_from_directory 会跳过它们;关闭“同时读取 GIF 和 "
        "WebP 文件”即可完全按 Keras 2 的文件范围训练)。",
    "Links to files that do not exist: skipped in training.": "指向不存在文件的链接:训练时跳过。",
    "A link leads back to a folder already read; it is not followed again.":
        "有链接指回已读取过的文件夹;不会再次跟随。",
    "Checking the settings": "正在检查设置",
    "Listing the image files": "正在列出图像文件",
    "Checking {count} files": "正在检查 {count} 个文件",
    "Loading your data file": "正在加载您的数据文件",
    "Preparing the images": "正在准备图像",
    "Building the model": "正在构建模型",
    "Loading the model": "正在加载模型",
    "Compiling the training step (the first batch takes longest)":
        "正在编译训练步(第一个批次耗时最长)",
    "Computing what the frozen {name} sees in each image (once: every epoch reuses it)":
        "正在计算冻结的 {name} 从每张图像中提取的特征(只算一次:之后每轮都复用)",
    "Validating epoch {epoch} (compiling the validation step first)":
        "正在验证第 {epoch} 轮(先编译验证步)",
    "Fine-tuning from epoch {epoch}: the top {count} layers of {name} learn too, at learning "
    "rate {rate} (until now only the new head learned; batch normalization stays frozen).":
        "从第 {epoch} 轮开始微调:{name} 顶部的 {count} 层也参与学习,学习率为 {rate}"
        "(此前只有新的分类头在学习;批归一化层保持冻结)。",
    "The loss is NaN at epoch {epoch}, batch {batch}; the model is not learning from here. A "
    "lower learning rate usually helps.":
        "第 {epoch} 轮第 {batch} 个批次的损失为 NaN;模型从这里开始不再学习。降低学习率通常会有帮助。",
    "running": "正在训练",
    "finished": "已完成",
    "stopped": "已停止",
    "failed": "失败",
    "epoch {epoch} (best)": "第 {epoch} 轮(最佳)",
    "epoch {epoch} (last; best is epoch {best})": "第 {epoch} 轮(最后一轮;最佳为第 {best} 轮)",
    "epoch {epoch} (best; best is epoch {best})": "第 {epoch} 轮(最佳;最佳为第 {best} 轮)",
    "epoch {epoch} (last)": "第 {epoch} 轮(最后一轮)",
    "epoch {epoch}": "第 {epoch} 轮",
    "epoch {epoch} (stopped after {count} batches)": "第 {epoch} 轮(在 {count} 个批次后停止)",
    "epoch {epoch} (partial)": "第 {epoch} 轮(未完成)",
    "#{id} moved {file} to {where} ({state})": "#{id} 已把 {file} 移到 {where}({state})",
    "#{id} excluded {file} (now in {where}) ({state})": "#{id} 已排除 {file}(现在位于 {where})({state})",
    "#{id} undid #{other}: {file} back to {where} ({state})":
        "#{id} 撤销了 #{other}:{file} 移回 {where}({state})",
    "done": "已完成",
    "undone by #{id}": "已被 #{id} 撤销",
    "moved to {name}": "移到了 {name}",
    "excluded": "排除了",
    "Evaluating": "正在评估",
    "Predicting": "正在预测",
    "{count} image(s) could not be read and are not counted (see 'unreadable').":
        "{count} 张图像无法读取,未计入(见“unreadable”)。",
    "The model answers {name} for {share} of the images, though only {true_share} are "
    "{name2}: it has not learned to tell the classes apart. Train longer, balance the classes "
    "(class weights), or check the labels.":
        "模型把 {share} 的图像都判为 {name},而实际只有 {true_share} 是 {name2}:它还没学会区分各类别。"
        "请训练更久、平衡各类别(类别权重),或检查标签。",
    "unknown": "未知",
    "not input-bound": "不受限于数据输入",
    "highly input-bound": "严重受限于数据输入",
    "moderately input-bound": "中度受限于数据输入",
    "The model waits for data most of the time: more workers, a smaller image size or "
    "lighter augmentation will speed training up (Tune loader measures which).":
        "模型大部分时间在等待数据:增加工作进程、减小图像尺寸或减轻数据增强都能加快训练"
        "(“调优加载器”可以测出哪种有效)。",
    "Some time is lost waiting for data; more workers may help a little.":
        "有一部分时间花在等待数据上;增加工作进程可能略有帮助。",
    "The data keeps up with the model.": "数据供应跟得上模型。",
    # the run bar, the run flow, the model flow, the main window
    "How good the shown run's model is, per class, and which images it gets wrong "
    "(Evaluation tab).": "显示的训练所得模型有多好:各类别的表现,以及它判错了哪些图像(“评估”标签页)。",
    "Train a run (or open one in the Runs tab) to evaluate its model.":
        "请先训练一次(或在“训练记录”标签页中打开一次训练),再评估其模型。",
    "Continue the shown run from one of its checkpoints.": "从显示的训练的某个检查点继续训练。",
    "Open a run (Runs tab) or train one to resume it.":
        "请打开一次训练(“训练记录”标签页)或训练一次,才能继续训练。",
    "Epoch {epoch}/{epochs} · batch {batch}/{batches}": "第 {epoch}/{epochs} 轮 · 第 {batch}/{batches} 个批次",
    "{where} · about {time} left": "{where} · 约剩 {time}",
    "Training on {device} · {speed} images/s · loss {loss}":
        "在 {device} 上训练 · {speed} 张图像/秒 · 损失 {loss}",
    "{finished}. Model saved to {path}. Press Evaluate to see how good it is.":
        "{finished}。模型已保存到 {path}。按“评估”查看它有多好。",
    "Stopped at epoch {epoch}, batch {batch}": "停止于第 {epoch} 轮第 {batch} 个批次",
    "Stopped before the first batch": "在第一个批次之前停止",
    "Checkpoint: {path}": "检查点:{path}",
    "Nothing was saved.": "没有保存任何内容。",
    "No checkpoint yet.": "还没有检查点。",
    "{stopped}. {kept}": "{stopped}。{kept}",
    "Failed: see the message": "失败:请查看消息",
    "Training stopped: {message}": "训练已停止:{message}",
    "Ready: your data file's {classes} classes. Press Start training.":
        "就绪:您的数据文件有 {classes} 个类别。按“开始训练”。",
    "Ready: {train} training images in {classes} classes, {val} validation images. Press "
    "Start training.": "就绪:{classes} 个类别共 {train} 张训练集图像,{val} 张验证集图像。按“开始训练”。",
    "Ready: {train} training images in {classes} classes. Press Start training.":
        "就绪:{classes} 个类别共 {train} 张训练集图像。按“开始训练”。",
    "The training could not start.": "训练无法开始。",
    "Train a new run with these settings.": "用这些设置开始一次新的训练。",
    "Nothing is training.": "当前没有正在进行的训练。",
    "Stopping already.": "正在停止。",
    "Stop after the current batch; a checkpoint is kept.": "在当前批次之后停止;会保留检查点。",
    "Open a run in the Runs tab (or train one) to resume it.":
        "请在“训练记录”标签页中打开一次训练(或训练一次),才能继续训练。",
    "Run {name} has no checkpoint: it stopped before its first epoch ended. Start it again "
    "from epoch 1 with its settings?":
        "训练 {name} 没有检查点:它在第一轮结束前就停止了。要用它的设置从第 1 轮重新开始吗?",
    "This run is being trained elsewhere; it can be resumed when that ends.":
        "这次训练正在别处进行;等它结束后才能继续训练。",
    "A training is running: evaluate, predict and export when it ends (or stop it).":
        "正在训练:请在训练结束后(或停止训练后)再评估、预测和导出。",
    "A training is running: look for label errors when it ends (or stop it).":
        "正在训练:请在训练结束后(或停止训练后)再查找标注错误。",
    "An evaluation, prediction or export is running.": "正在进行评估、预测或导出。",
    "Train a model first (or choose a model file in the Predict tab).":
        "请先训练一个模型(或在“预测”标签页中选择模型文件)。",
    "With {model}.": "使用 {model}。",
    "Compare runs": "比较训练",
    "An evaluation, prediction or export is running; wait for it or cancel it.":
        "正在进行评估、预测或导出;请等待它完成或取消它。",
    "FitGen is looking for label errors or duplicates; wait for it or stop it.":
        "FitGen 正在查找标注错误或重复图像;请等待它完成或停止它。",
    "A training is running: it would slow the measurements down. Tune the loader when it has "
    "ended.": "正在训练:这会拖慢测量。请在训练结束后再调优加载器。",
    "TensorFlow is still loading; try again in a moment.": "TensorFlow 仍在加载;请稍后再试。",
    "Device: {device}": "设备:{device}",
    "Device: CPU (no GPU found)": "设备:CPU(未找到 GPU)",
    "Training is not possible until this is fixed:\n{error}": "解决以下问题之前无法训练:\n{error}",
    "no model": "没有模型",
    "{run}, epoch {epoch}": "{run},第 {epoch} 轮",
    "{run}, final model": "{run},最终模型",
    "{setting}: {problem}": "{setting}:{problem}",
    "Data check: still reading the files (training can start when it has finished)":
        "数据检查:仍在读取文件(读取完成后即可开始训练)",
    # the panels
    "Python files (*.py)": "Python 文件 (*.py)",
    "Checking %v of %m files": "正在检查第 %v 个文件,共 %m 个",
    "Finding": "发现的问题",
    "Files": "文件数",
    "Could not read the folder: {error}": "无法读取文件夹:{error}",
    "Classes from the data file: {names} (it defines val_data for validation).":
        "数据文件中的类别:{names}(它定义了用于验证的 val_data)。",
    "Classes from the data file: {names} (no val_data: no validation).":
        "数据文件中的类别:{names}(没有 val_data:不做验证)。",
    "{classes} classes, {train} training images, {val} validation images.":
        "{classes} 个类别,{train} 张训练集图像,{val} 张验证集图像。",
    "{classes} classes, {train} training images ({share} of each class kept for validation).":
        "{classes} 个类别,{train} 张训练集图像(每个类别划出 {share} 作为验证集)。",
    "{classes} classes, {train} training images.": "{classes} 个类别,{train} 张训练集图像。",
    "Reading every file once…": "正在逐一读取每个文件…",
    "Training cannot start: see the findings in red.": "无法开始训练:请查看红色标出的问题。",
    "{files} files read; {count} things to look at.": "已读取 {files} 个文件;有 {count} 处需要查看。",
    "{files} files read; no problems found.": "已读取 {files} 个文件;未发现问题。",
    "{text} 1 unreadable file will be skipped.": "{text}有 1 个无法读取的文件将被跳过。",
    "{text} {count} unreadable files will be skipped.": "{text}有 {count} 个无法读取的文件将被跳过。",
    "{files}\n… and {count} more": "{files}\n……还有 {count} 个",
    "{finding}\n\n{files}\n\nDouble-click to list them.": "{finding}\n\n{files}\n\n双击可列出全部文件。",
    " copies": " 份",
    "Same as the images": "与图像相同",
    " epochs": " 轮",
    "Found: {path}": "已找到:{path}",
    "Download (about {size} MB)": "下载(约 {size} MB)",
    "Image size set to {size} (Data tab; it was {old}): ImageNet backbones learned on images "
    "of that size, and smaller ones lose much of what they learned.":
        "图像尺寸已设为 {size}(“数据”标签页;原为 {old}):ImageNet 主干网络是在这个尺寸的图像上学习的,"
        "更小的图像会丢失它学到的很多东西。",
    "Downloading the ImageNet weights of {name}…": "正在下载 {name} 的 ImageNet 预训练权重…",
    "{done} of {total} MB": "{done} / {total} MB",
    "{done} MB": "{done} MB",
    "Downloaded and checked: {path}": "已下载并校验:{path}",
    "Automatic": "自动",
    " epoch(s)": " 轮",
    "All": "全部",
    "Automatic ({steps})": "自动({steps})",
    "Needs a GPU: none was found on this computer (or the device is the CPU).":
        "需要 GPU:这台计算机上没有找到 GPU(或设备选的是 CPU)。",
    "Run": "训练",
    "Status": "状态",
    "Best": "最佳",
    "Compare": "比较",
    "Select two or more runs (Ctrl+click) to see their settings, results and curves side by "
    "side.": "选择两次或更多次训练(Ctrl+点击),并排查看它们的设置、结果和曲线。",
    "Runs are saved in {path}": "训练记录保存在 {path}",
    "{value} (epoch {epoch})": "{value}(第 {epoch} 轮)",
    "Which epoch the run's final model (model.keras) is, and whether it is the best one.":
        "该训练的最终模型(model.keras)是第几轮的,以及它是否为最佳。",
    "No final model yet (the run did not finish); its checkpoints can be evaluated and "
    "exported.": "还没有最终模型(训练未完成);可以评估和导出它的检查点。",
    # the widgets
    "Undo the last fix: {fix}": "撤销上一次修正:{fix}",
    "Nothing to undo in this dataset.": "这个数据集没有可撤销的修正。",
    "This image was {what} (Undo puts it back).": "这张图像已被{what}(“撤销”可以放回原处)。",
    "Could not do that: {error}": "无法完成:{error}",
    "Undo {fix}": "撤销 {fix}",
    "{title}: 1 image": "{title}:1 张图像",
    "{title}: {count} images": "{title}:{count} 张图像",
    "{text} (showing the first {shown})": "{text}(显示前 {shown} 张)",
    "{file}\nPredicted {name} ({confidence})": "{file}\n预测为 {name}({confidence})",
    "{text}; true class {name}": "{text};真实类别 {name}",
    "Grad-CAM: {error}": "Grad-CAM:{error}",
    "True class: {name}": "真实类别:{name}",
    "right": "正确",
    "wrong": "错误",
    "Predicted: {name} ({confidence}). The likeliest classes:": "预测为:{name}({confidence})。最可能的类别:",
    "LEAKAGE (training ~ validation)": "泄漏(训练集 ~ 验证集)",
    "within training": "训练集内",
    "within validation": "验证集内",
    "{count} pair(s) of near-identical images, {leaks} of them across training and validation "
    "(leakage: validation copies of training images make accuracy look better than it is).":
        "{count} 对近似相同的图像,其中 {leaks} 对横跨训练集和验证集(泄漏:验证集中的训练图像副本"
        "会让准确率显得比实际更好)。",
    "No near-identical images found.": "没有发现近似相同的图像。",
    "{relation}; found by {method} (distance {distance}); the same class.":
        "{relation};由 {method} 发现(距离 {distance});同一类别。",
    "{relation}; found by {method} (distance {distance}); DIFFERENT classes.":
        "{relation};由 {method} 发现(距离 {distance});不同类别。",
    "{run} — best {metric} {value}": "{run} — 最佳 {metric} {value}",
    "File: {name}": "文件:{name}",
    "Final model ({which})": "最终模型({which})",
    "Epoch {epoch} checkpoint": "第 {epoch} 轮的检查点",
    "Keras models (*.keras)": "Keras 模型 (*.keras)",
    "Choose a folder": "选择文件夹",
    " px": " 像素",
    "Same": "相同",
    "A different random run each time.": "每次训练都随机不同。",
    "Weight": "权重",
    "How the model is checked on images it does not train on.": "如何用模型未训练过的图像来检验模型。",
    "Keras weights (*.h5 *.weights.h5)": "Keras 权重 (*.h5 *.weights.h5)",
    "Start from weights learned on ImageNet (1.2 million photos) to learn from few images.":
        "从在 ImageNet(120 万张照片)上学到的权重开始,用少量图像就能学好。",
    # the views
    "Show a batch to see exactly what the model is fed.": "显示一个批次,看看模型实际接收到的数据。",
    "No batch: {reason}": "没有批次:{reason}",
    "Building batch {number}…": "正在构建第 {number} 个批次…",
    "Run {name} has no batch losses to look at yet.": "训练 {name} 还没有可查看的批次损失。",
    "Cannot read the settings of run {name}: {error}": "无法读取训练 {name} 的设置:{error}",
    "{spike} Run {name} gets its data from '{file}'; choose that file in the Data panel to see "
    "the batch.": "{spike}训练 {name} 的数据来自“{file}”;请在“数据”面板中选择该文件才能查看这个批次。",
    "{spike} (run {name})": "{spike}(训练 {name})",
    "weight {value}": "权重 {value}",
    "label: {label}": "标签:{label}",
    "image {number} of the batch": "批次中的第 {number} 张图像",
    "Batch {number} = {position} · {count} images · built in {ms} ms":
        "第 {number} 个批次 = {position} · {count} 张图像 · 构建用时 {ms} 毫秒",
    "{text} · no seed set: the order and augmentation are drawn anew each time":
        "{text} · 未设随机种子:每次的顺序和数据增强都会重新随机生成",
    "inputs": "输入",
    "targets": "目标",
    "sample weights": "样本权重",
    "none": "无",
    "channel {number}": "通道 {number}",
    "no finite values": "没有有限值",
    "Augmenting image {image} of batch {number} 16 times…": "正在对第 {number} 个批次的第 {image} 张图像做 16 次数据增强…",
    "as trained": "训练时所用",
    "draw {number}": "第 {number} 次",
    "Image {image} of batch {number} {name} with 16 draws of the augmentation (the first is "
    "the one training used). Press again to go back to the batch.":
        "第 {number} 个批次的第 {image} 张图像 {name},共 16 次数据增强(第一次是训练时所用的)。"
        "再按一次返回批次。",
    "Select two or more runs in the Runs tab and press Compare.":
        "在“训练记录”标签页中选择两次或更多次训练,然后按“比较”。",
    "Loss per epoch (solid: training, dashed: validation)": "每轮的损失(实线:训练集,虚线:验证集)",
    "Accuracy per epoch (solid: training, dashed: validation)": "每轮的准确率(实线:训练集,虚线:验证集)",
    "Wrong before, right now": "之前错、现在对",
    "Right before, wrong now": "之前对、现在错",
    "These runs cannot be compared: {reason}": "这些训练无法比较:{reason}",
    "{count} runs compared, measured from the first: {names}.": "比较了 {count} 次训练,以第一次为基准:{names}。",
    "{label} ({key})": "{label}({key})",
    "Settings": "设置",
    "the same in every run": "每次训练都相同",
    "Best (epoch)": "最佳(轮次)",
    "{metric} {value} (epoch {epoch})": "{metric} {value}(第 {epoch} 轮)",
    "Final validation accuracy": "最终验证集准确率",
    "Evaluated accuracy": "评估准确率",
    "Accuracy of class {name}": "类别 {name} 的准确率",
    "Accuracy per class": "各类别准确率",
    "not evaluated": "未评估",
    "Validation images from {first} to {other}: not compared ({reason}).":
        "从 {first} 到 {other} 的验证集图像:未比较({reason})。",
    "Validation images from {first} to {other}: {images} images, {better} wrong before and "
    "right now, {worse} right before and wrong now.":
        "从 {first} 到 {other} 的验证集图像:共 {images} 张,{better} 张之前错、现在对,{worse} 张之前对、现在错。",
    "Write the model as .keras, SavedModel, ONNX or TFLite, each checked against FitGen's "
    "predictions.": "把模型导出为 .keras、SavedModel、ONNX 或 TFLite,每种格式都与 FitGen 的预测对照检验。",
    "Train a model first (or choose a model file).": "请先训练一个模型(或选择模型文件)。",
    "Predict every image of the chosen data and compare with its class.":
        "预测所选数据中的每张图像,并与其类别对照。",
    "Folder: {folder}": "文件夹:{folder}",
    "Loading the model…": "正在加载模型…",
    "Evaluating {model}…": "正在评估 {model}…",
    "{step}: {done}/{total} images": "{step}:{done}/{total} 张图像",
    "Cancelled": "已取消",
    "Evaluated {count} images": "已评估 {count} 张图像",
    "Saved to {path}": "已保存到 {path}",
    "Failed": "失败",
    "Could not evaluate: {error}": "无法评估:{error}",
    "Accuracy {value}": "准确率 {value}",
    "on the {data} data · {model}": "基于{data}数据 · {model}",
    "Most confused": "最易混淆",
    "{true} taken for {predicted}: {count} of {of}": "{true} 被误认为 {predicted}:{of} 张中有 {count} 张",
    "no mistakes.": "没有错误。",
    "The most confident mistakes": "最有把握的错误",
    "The least sure answers": "最没把握的回答",
    "Click a cell of the matrix": "点击矩阵中的一个单元格",
    "validation": "验证集",
    "training": "训练集",
    "{right} of {total} {data} images right": "{total} 张{data}图像中判对 {right} 张",
    "{text}; {true} are often taken for {predicted}: {count} of {of}":
        "{text};{true} 常被误认为 {predicted}:{of} 张中有 {count} 张",
    "{sentence}.": "{sentence}。",
    "{true} images the model got right": "模型判对的 {true} 图像",
    "{true} images taken for {predicted}": "被误认为 {predicted} 的 {true} 图像",
    "Choose a run whose data are image folders.": "请选择一次使用图像文件夹作为数据的训练。",
    "Train K models on K folds of the training images and rank every image by how likely its "
    "folder is wrong.": "在训练集图像的 K 折上训练 K 个模型,并按所在文件夹出错的可能性给每张图像排序。",
    "Press Find near-duplicates.": "请按“查找近似重复”。",
    "Cannot read run {name}: {error}": "无法读取训练 {name}:{error}",
    "Run {name} reads a Python data file: finding label errors needs image folders.":
        "训练 {name} 读取的是 Python 数据文件:查找标注错误需要图像文件夹。",
    "{plan} Press Find likely label errors.": "{plan}请按“查找疑似标注错误”。",
    "Cannot plan the folds: {error}.": "无法划分折:{error}。",
    "Planning the folds…": "正在划分折…",
    "Done": "完成",
    "Stopped": "已停止",
    "Could not find label errors: {error}": "无法查找标注错误:{error}",
    "Found before {count} likely label error(s) among {images} training images ({classes}).":
        "之前在 {images} 张训练集图像中找到 {count} 个疑似标注错误({classes})。",
    "Found {count} likely label error(s) among {images} training images ({classes}).":
        "在 {images} 张训练集图像中找到 {count} 个疑似标注错误({classes})。",
    "A likely label error is an image whose folder another class claims more surely than the "
    "models usually are of that class; the lower its q (the probability of its folder's class "
    "from a model that never saw it), the more suspect.":
        "疑似标注错误是指这样的图像:另一个类别对它的把握,比模型通常对其所在文件夹类别的把握还要大;"
        "它的 q(从未见过它的模型给出的其所在文件夹类别的概率)越低,就越可疑。",
    "All likely label errors ({count})": "全部疑似标注错误({count})",
    "{label} that look like {suggested} ({count})": "看起来像 {suggested} 的 {label}({count})",
    "Every training image, most suspect first ({count})": "全部训练集图像,最可疑的在前({count})",
    "Checked {count} images": "已检查 {count} 张图像",
    "Reading the images: {done}/{total}": "正在读取图像:{done}/{total}",
    "Images (*.png *.jpg *.jpeg *.bmp *.ppm *.tif *.tiff *.gif *.webp)":
        "图像 (*.png *.jpg *.jpeg *.bmp *.ppm *.tif *.tiff *.gif *.webp)",
    "Predict the class of images.": "预测图像的类别。",
    "Images to predict": "要预测的图像",
    "Wait for the current task to end.": "请等待当前任务结束。",
    "Predicting with {model}…": "正在用 {model} 预测…",
    "Could not predict: {error}": "无法预测:{error}",
    "File": "文件",
    "Predicted": "预测类别",
    "Confidence": "置信度",
    "Error": "错误",
    "{count} predicted": "已预测 {count} 张",
    "1 image predicted": "已预测 1 张图像",
    "{count} images predicted": "已预测 {count} 张图像",
    "{predicted}; {count} could not be read (see the Error column)":
        "{predicted};{count} 张无法读取(见“错误”列)",
    "{predicted}. Click a column to sort; choose a row to see it.":
        "{predicted}。点击列标题可排序;选择一行即可查看。",
    "CSV files (*.csv)": "CSV 文件 (*.csv)",
    "Could not write '{path}': {error}. Choose another place.": "无法写入“{path}”:{error}。请换一个位置。",
    "Saved {count} rows to {path}.": "已把 {count} 行保存到 {path}。",
    "{count} images": "{count} 张图像",
    "No preview: {reason}": "无法预览:{reason}",
    "augmented": "已做数据增强",
    "originals": "原图",
    "no augmentation set": "未设置数据增强",
    "from your data file": "来自您的数据文件",
    "Batch {number} of {count}": "第 {number} 个批次,共 {count} 个",
    "Batch {number}": "第 {number} 个批次",
    "{batch} ({state}) · values {low} to {high} · built in {ms} ms ({rate} images/s)":
        "{batch}({state})· 取值 {low} 到 {high} · 构建用时 {ms} 毫秒({rate} 张图像/秒)",
    "No run shown yet: press Start training, or open a run in the Runs tab.":
        "还没有显示任何训练:请按“开始训练”,或在“训练记录”标签页中打开一次训练。",
    "Run {name}: training on {device}, {images} images, {classes} classes. Folder: {folder}":
        "训练 {name}:在 {device} 上训练,{images} 张图像,{classes} 个类别。文件夹:{folder}",
    "The model calls every validation image '{0}' so far: it has not yet learned to tell the "
    "classes apart.": "到目前为止,模型把每张验证集图像都判为“{0}”:它还没学会区分各类别。",
    "{count} records of events.jsonl could not be read and are not shown ({first}).":
        "events.jsonl 中有 {count} 条记录无法读取,未显示({first})。",
    "Run {name}: {status}, {epochs} epochs, {checkpoints} checkpoints. Folder: {folder}":
        "训练 {name}:{status},{epochs} 轮,{checkpoints} 个检查点。文件夹:{folder}",
    "Run {name}: {status}, {epochs} epochs. Folder: {folder}":
        "训练 {name}:{status},{epochs} 轮。文件夹:{folder}",
    # the plots
    "epoch": "轮次",
    "loss": "损失",
    "accuracy": "准确率",
    "rate": "学习率",
    "ms per batch": "每批次毫秒数",
    "class": "类别",
    "% of images": "图像占比(%)",
    "% folder": "文件夹%",
    "train": "训练",
    "val": "验证",
    "{waiting} + {step} (ms)": "{waiting} + {step}(毫秒)",
    "waiting for data": "等待数据",
    "step": "训练步",
    "Classes in each batch": "每个批次中的类别",
    "Epoch {epoch}: waited for data {percent}% of the time ({waited} s of {total} s): "
    "{verdict}. {advice}": "第 {epoch} 轮:{percent}% 的时间在等待数据({total} 秒中的 {waited} 秒):{verdict}。{advice}",
    "Profile of batches {first}-{last}: {verdict} Folder: {folder}":
        "第 {first}-{last} 个批次的性能剖析:{verdict} 文件夹:{folder}",
    "Open it with: {command}": "打开方式:{command}",
    "Classes: {names}": "类别:{names}",
    "Loss per batch": "每批次的损失",
    "Accuracy per batch": "每批次的准确率",
    "Loss per epoch": "每轮的损失",
    "Accuracy per epoch": "每轮的准确率",
    "Predicted: {name}": "预测为:{name}",
    "True {true}, predicted {predicted}: {count} of {total} ({share})":
        "真实 {true},预测 {predicted}:{total} 张中有 {count} 张({share})",
    # the dialogs
    "LiteRT / TFLite full integer (int8, for microcontrollers and NPUs)":
        "LiteRT / TFLite 全整数(int8,用于微控制器和 NPU)",
    "Export {model}": "导出 {model}",
    "Format": "格式",
    "Self-test": "自检",
    "Agreement": "一致率",
    "Largest difference": "最大差异",
    "Size": "大小",
    "Time": "用时",
    "Could not export: {error}": "无法导出:{error}",
    "passed": "通过",
    "FAILED": "失败",
    "{share} of {count}": "{count} 张中的 {share}",
    "{size} MB": "{size} MB",
    "{seconds} s": "{seconds} 秒",
    "The other formats were written and passed.": "其他格式都已写出并通过自检。",
    "All {count} formats written and self-tested in {folder} (see export-report.json).":
        "全部 {count} 种格式都已写入 {folder} 并通过自检(见 export-report.json)。",
    "Press Measure to start (it takes a little while: the model trains on real batches).":
        "按“测量”开始(需要一点时间:模型会在真实批次上训练)。",
    "setting": "设置",
    "images/s": "张图像/秒",
    "queue full": "队列充满率",
    "Could not measure: {error}": "无法测量:{error}",
    "Data only {data} images/s · model only {model} · full training {full}.":
        "仅数据 {data} 张图像/秒 · 仅模型 {model} · 完整训练 {full}。",
    "{setting}  ← recommended": "{setting}  ← 推荐",
    "Applied: {setting}. The next run uses it.": "已应用:{setting}。下一次训练将使用它。",
    "Resume {name}": "继续训练 {name}",
    "Checkpoint": "检查点",
    "Metrics at that epoch": "该轮的指标",
    "This run gets its data by running the Python file\n{file}\n\nRun it to resume? Choose No "
    "if you do not know the file.":
        "这次训练通过运行以下 Python 文件获取数据:\n{file}\n\n要运行它来继续训练吗?如果您不了解这个文件,请选择“否”。",
    "This run gets its data by running the Python file\n{file}\n\nRun it to evaluate? Choose "
    "No if you do not know the file.":
        "这次训练通过运行以下 Python 文件获取数据:\n{file}\n\n要运行它来评估吗?如果您不了解这个文件,请选择“否”。",
    "This run gets its data by running the Python file\n{file}\n\nRun it for the export's "
    "self-test (it needs the run's validation images)? Choose No if you do not know the file.":
        "这次训练通过运行以下 Python 文件获取数据:\n{file}\n\n要运行它来做导出自检吗(自检需要这次训练的验证集图像)?"
        "如果您不了解这个文件,请选择“否”。",
    "FitGen projects (*.json)": "FitGen 项目 (*.json)",
    "The last session's settings could not be read (the file is damaged); they were kept in "
    "{path}. FitGen starts with the demo settings.":
        "无法读取上次会话的设置(文件已损坏);它们已保存在 {path}。FitGen 将使用演示设置启动。",
    "{list}\n… and {count} more": "{list}\n……还有 {count} 项",
    "Some settings of the last session are not known to this FitGen (written by a newer "
    "version?):\n{list}\n\nThe rest was restored. The whole session was kept in {path}.":
        "上次会话中有些设置这个版本的 FitGen 不认识(可能由更新的版本写入?):\n{list}\n\n"
        "其余设置已恢复。完整的会话已保存在 {path}。",
    "The last session": "上次会话",
    "value": "值",
    "count": "数量",
})

PLURALS.update({
    "%n files": "%n 个文件",
    "Undid %n fix(es).": "已撤销 %n 项修正。",
    "Finished after %n epochs (stopped early: no more improvement)":
        "训练 %n 轮后完成(提前停止:不再有改进)",
    "Finished after %n epochs": "训练 %n 轮后完成",
})

# -- the rarer blocking problems (core/config_rules.py) -------------------------------
TEXTS.update({
    'does not apply to a Python data file; define val_data(batch_size) in it instead':
        '不适用于 Python 数据文件;请在文件中定义 val_data(batch_size)',
    'needs a matrix of {rows} x {columns} values for {height}x{width} images; use a '
    'target size of 32x32 or less, or turn it off':
        '{height}x{width} 的图像需要一个 {rows} x {columns} 的矩阵;请把图像尺寸设为 '
        '32x32 或更小,或者关闭它',
    "fine-tuning first trains the head on a frozen base: turn off 'Train the whole "
    "network'":
        '微调先在冻结的主干网络上训练分类头:请关闭“训练整个网络”',
    'fine-tuning begins at epoch {start}; train at least {epochs} epochs':
        '微调从第 {start} 轮开始;请至少训练 {epochs} 轮',
    "weights file '{path}' does not exist; choose 'none', 'imagenet' or an existing "
    '.h5 file':
        '权重文件“{path}”不存在;请选择“none”、“imagenet”或一个存在的 .h5 文件',
    "the small CNN has no ImageNet weights; choose 'none' or another architecture":
        '小型 CNN 没有 ImageNet 预训练权重;请选择“none”或另一种网络结构',
    'must be a whole number of pixels from {low} to 1024 for {name}':
        '对 {name} 必须是 {low} 到 1024 之间的整数像素',
    'the height is {value} pixels, but {name} needs at least {smallest}; use a '
    "larger image size (or set the model's input size)":
        '高度是 {value} 像素,但 {name} 至少需要 '
        '{smallest};请使用更大的图像尺寸(或设置模型的输入尺寸)',
    'the width is {value} pixels, but {name} needs at least {smallest}; use a larger '
    "image size (or set the model's input size)":
        '宽度是 {value} 像素,但 {name} 至少需要 '
        '{smallest};请使用更大的图像尺寸(或设置模型的输入尺寸)',
    "must be 'none', 'balanced' or a weight per class; got {value}":
        '必须是“none”、“balanced”或每个类别一个权重;收到的是 {value}',
    "cannot change a learning rate that follows a schedule; use the 'constant' "
    'schedule or turn one of them off':
        '无法调整按计划变化的学习率;请把学习率计划设为“恒定”,或关闭其中一个',
    'must be a short name without / \\ : * ? " < > |':
        '必须是不含 / \\ : * ? " < > | 的简短名称',
    "{devices} not on this computer; choose 'all' or GPUs it has":
        '这台电脑上没有 {devices};请选择“all”或它有的 GPU',
    "must be 'auto', 'cpu', 'all', 'gpu:N' or a list 'gpu:0,gpu:1'; got {value}":
        '必须是“auto”、“cpu”、“all”、“gpu:N”或列表“gpu:0,gpu:1”;收到的是 {value}',
    "'all' needs several devices and this computer has one; choose 'auto'":
        '“all”需要多个设备,而这台电脑只有一个;请选择“auto”',
    "{device} is not on this computer (GPUs found: {found}); choose 'auto' or 'cpu'":
        '这台电脑上没有 {device}(找到的 GPU:{found});请选择“auto”或“cpu”',
    'watches {monitor}, but there is no validation data; choose a validation folder '
    "or split, or watch 'loss'":
        '监视的是 {monitor},但没有验证数据;请选择验证集文件夹或比例,或者监视“loss”',
})

# -- export and loader-tuning progress (training/tf_export.py, loader_tuner.py) -----------
TEXTS.update({
    "FitGen predicts {count} validation images its own way":
        "FitGen 用自己的方式预测 {count} 张验证集图像",
    "Exporting {format}":
        "正在导出 {format}",
    "Self-testing {format} on {count} images":
        "正在用 {count} 张图像自检 {format}",
    "Preparing the data":
        "正在准备数据",
    "Measuring the data alone":
        "正在单独测量数据读取",
    "Measuring the model alone (one batch, again and again)":
        "正在单独测量模型(同一个批次反复训练)",
    "Trying {setting} (round {round} of {rounds})":
        "正在尝试 {setting}(第 {round} 轮,共 {rounds} 轮)",
    "0 workers (on the training thread)":
        "0 个工作进程(在训练线程上读取)",
    "{workers} worker thread, queue {queue}":
        "{workers} 个工作线程,队列 {queue}",
    "{workers} worker threads, queue {queue}":
        "{workers} 个工作线程,队列 {queue}",
    "{workers} worker process, queue {queue}":
        "{workers} 个工作进程,队列 {queue}",
    "{workers} worker processes, queue {queue}":
        "{workers} 个工作进程,队列 {queue}",
    "The data is the bottleneck: it gives {data} images/s and the model could train "
    "on {model}; full training runs at {full}.":
        "瓶颈在数据:数据每秒提供 {data} 张图像,模型每秒能训练 {model} 张;完整训练每秒 {full} 张。",
    "The model is the bottleneck: it trains on {model} images/s and the data gives "
    "{data}; full training runs at {full}. More workers will not speed it up.":
        "瓶颈在模型:模型每秒训练 {model} 张图像,数据每秒提供 {data} 张;完整训练每秒 {full} "
        "张。增加工作进程不会更快。",
    "No setting could be measured.":
        "没有一个设置能测量成功。",
    "Keep the current setting ({setting}).":
        "保持当前设置({setting})。",
    "Use {setting}: {speed} images/s, {gain} times the current {current}.":
        "使用 {setting}:每秒 {speed} 张图像,是当前 {current} 张的 {gain} 倍。",
    "The loader tuning was cancelled.":
        "数据读取调优已取消。",
    "The training data ended after {count} batches; the tuner needs {needed}.":
        "训练数据在 {count} 个批次后就结束了;调优需要 {needed} 个。",
})

# -- what is wrong in a batch (training/batch_tap.py) -------------------------------------
TEXTS.update({
    "{bad} input values are NaN or infinite: the loss will be NaN. Find where the "
    "data divides by zero or reads a damaged file.":
        "有 {bad} 个输入值是 NaN 或无穷大:损失会变成 NaN。请找出数据在哪里除以了零或读到了损坏的文件。",
    "Pixels are already in 0-1 (from {low} to {high}), but the model scales 0-255 "
    "pixels itself: it sees images 255 times too dark. Remove the rescale (1/255) "
    "from the data.":
        "像素已经在 0-1 之间(从 {low} 到 {high}),但模型自己会缩放 0-255 的像素:它看到的图像暗了 "
        "255 倍。请去掉数据里的缩放(1/255)。",
    "Values reach {high} after a rescale of 1/255: they should be at most 1. Is the "
    "data scaled twice, or are the images 16-bit?":
        "缩放 1/255 之后数值仍达到 {high}:应当最大为 1。数据是不是被缩放了两次,或者图像是 16 位的?",
    "{count} image(s) of the batch are one flat value (image {listed}): blank or "
    "failed reads teach the model nothing.":
        "这个批次中有 {count} 张图像只有一个数值(第 {listed} "
        "张):空白或读取失败的图像不能让模型学到任何东西。",
    "The batch has {samples} images but {targets} targets.":
        "这个批次有 {samples} 张图像,却有 {targets} 个目标值。",
    "The targets are {dtype} values, not numbers.":
        "目标值是 {dtype} 类型,不是数字。",
    "The targets have shape {shape}, but the model's output is (n, {classes}): "
    "categorical needs one-hot rows of {classes2} values (or choose class mode "
    "'sparse' for class numbers).":
        "目标值的形状是 {shape},但模型的输出是 (n, {classes}):categorical 需要每行 "
        "{classes2} 个值的独热编码(或者选择类别模式“sparse”来使用类别编号)。",
    "Some one-hot target rows do not add up to 1.":
        "有些独热编码的目标行加起来不等于 1。",
    "The targets have shape {shape}; class mode '{mode}' needs one class number per "
    "image, shape (n,).":
        "目标值的形状是 {shape};类别模式“{mode}”需要每张图像一个类别编号,形状为 (n,)。",
    "The targets hold values from {low} to {high}; class mode '{mode}' needs whole "
    "class numbers 0 to {top}.":
        "目标值的范围是 {low} 到 {high};类别模式“{mode}”需要 0 到 {top} 的整数类别编号。",
})

# -- the folds (training/out_of_fold.py) and their plan (ui/views/improve_view.py) --------
TEXTS.update({
    "Class {name} has {count} image(s), fewer than {folds} folds: its images are "
    "spread over {spread} fold(s), one each.":
        "类别 {name} 只有 {count} 张图像,少于 {folds} 折:它的图像分散在 {spread} "
        "折中,每折一张。",
    "Each fold trains {epochs} epochs, as long as the run. After a run of {longer} epochs "
    "or more, the folds train longer and learn from blended images, which finds more of "
    "the wrong labels.":
        "每一折训练 {epochs} 轮,和这次训练一样长。训练 {longer} 轮或更多时,每一折训练得更久,"
        "并从混合的图像中学习,能找出更多标注错误。",
    "The folds train the head only (the run's first phase): fine-tuning every fold "
    "would take as long as the run each.":
        "每一折只训练分类头(即这次训练的第一阶段):每一折都微调的话,每折都要花和整个训练一样长的时间。",
    "Stopped after {done} of {folds} folds. The finished folds are kept in "
    "'{folder}' and reused when you start again (while the images and settings stay "
    "the same).":
        "在 {folds} 折中完成 {done} "
        "折后停止。已完成的折保存在“{folder}”中,再次开始时会重复使用(只要图像和设置不变)。",
    "Fold {fold} of {folds}: {what}":
        "第 {fold} 折,共 {folds} 折:{what}",
    "computing the features of the images":
        "正在计算图像的特征",
    "training, epoch {done} of {total}":
        "正在训练,第 {done} 轮,共 {total} 轮",
    "predicting its {total} images":
        "正在预测本折的 {total} 张图像",
    "reused from the last time":
        "沿用上一次的结果",
    "{folds} folds of {count} training images: each trains a new head on the frozen "
    "network's features (computed once) on the other folds and predicts its own.":
        "{folds} 折,共 {count} 张训练集图像:每一折在其余各折上用冻结网络的特征(只计算一次)"
        "训练一个新的分类头,并预测本折的图像。",
    "{folds} folds of {count} training images: each trains the whole model for {epochs} "
    "epochs on the other folds and predicts its own.":
        "{folds} 折,共 {count} 张训练集图像:每一折在其余各折上把整个模型训练 {epochs} 轮,"
        "并预测本折的图像。",
    "{count} s": "{count} 秒",
    "{count} min": "{count} 分钟",
    "{count} h": "{count} 小时",
})

PLURALS.update({
    "%n fold(s) are done already and are reused.": "已有 %n 折完成,会重复使用。",
    "About {time} for the %n fold(s) to do.": "剩下的 %n 折大约需要 {time}。",
})

# -- Compare runs: the changed images' captions (ui/views/compare_view.py) ------------------
TEXTS.update({
    "{true}: {before} → {now}": "{true}:{before} → {now}",
})

# -- Try several settings (issue 27: ui/dialogs/sweep_dialog.py, the sweep's table and flow) ---
TEXTS.update({
    "Select two or more runs (Ctrl+click), or a sweep's row, to see their settings, "
    "results and curves side by side.":
        "选择两次或更多训练(按住 Ctrl 点击),或者一个参数扫描的行,就能并排看到它们的设置、结果和曲线。",
    "Try several settings":
        "尝试多种设置",
    "Every combination of the values below is trained as a run of its own, one after "
    "another, with all other settings as they are now. The runs appear in the Runs "
    "tab as one group, with a table of their results.":
        "下面这些取值的每一种组合都会作为单独的一次训练,依次进行,其余设置保持现在的样子。这些训练在“训练记录”页显示为一组,并附有结果表。",
    "Setting":
        "设置",
    "Values, separated by commas":
        "取值,用逗号分隔",
    "(none)":
        "(无)",
    "Train the runs":
        "训练这些组合",
    "now {value}; e.g. {value}, …":
        "现在为 {value};例如 {value}, …",
    "Values of {label}, separated by commas, as fitgen sweep --vary {key}=V1,V2 "
    "takes them.":
        "{label} 的取值,用逗号分隔,与 fitgen sweep --vary {key}=V1,V2 的写法相同。",
    "Change the values above.":
        "请修改上面的取值。",
    "1 run":
        "1 次训练",
    "{count} runs":
        "{count} 次训练",
    "Choose a setting and type its values.":
        "请选择一个设置并输入它的取值。",
    "{runs}: {names}":
        "{runs}:{names}",
    "Train {count} runs?":
        "要训练 {count} 次吗?",
    "These values make {count} runs, more than {limit}; they are trained one after "
    "another. Train them all?":
        "这些取值组合成 {count} 次训练,超过 {limit} 次;它们会依次训练。全部训练吗?",
    "Try several &settings…":
        "尝试多种设置(&S)…",
    "Train one run per combination of a few settings' values, one after another, as "
    "one sweep.":
        "为几个设置取值的每一种组合各训练一次,依次进行,作为一次参数扫描。",
    "A sweep is training (Runs tab); stop it or wait for it.":
        "一个参数扫描正在训练(见“训练记录”页);请停止它或等它完成。",
    "Stop the sweep: the run in progress stops after the current batch and keeps a "
    "checkpoint; no other run starts.":
        "停止参数扫描:正在进行的训练在当前批次之后停止并保留检查点;不会再开始其他训练。",
    "Cannot try several settings yet":
        "暂时无法尝试多种设置",
    "to train the sweep's runs":
        "来训练参数扫描中的各次训练",
    "Cannot make the sweep folder":
        "无法创建参数扫描文件夹",
    "Cannot resume the sweep":
        "无法继续参数扫描",
    "Nothing to resume":
        "没有需要继续的训练",
    "Every run of {name} has finished.":
        "{name} 的每一次训练都已完成。",
    "Cannot show the sweep":
        "无法显示参数扫描",
    "Run {number} of {total}: {name}":
        "第 {number} 次训练,共 {total} 次:{name}",
    "Sweep {sweep}: training run {number} of {total}, {name}.":
        "参数扫描 {sweep}:正在训练第 {number} 次,共 {total} 次,{name}。",
    "Run {number} of {total}, {name}: {status}.":
        "第 {number} 次训练,共 {total} 次,{name}:{status}。",
    "Sweep: {statuses}":
        "参数扫描:{statuses}",
    "Sweep {name} stopped: {statuses}. Resume sweep (Runs tab) trains the runs that "
    "did not finish.":
        "参数扫描 {name} 已停止:{statuses}。“继续参数扫描”(训练记录页)会训练没有完成的那些。",
    "Sweep {name} ended: {statuses}. Its table and Compare are in the Runs tab.":
        "参数扫描 {name} 已结束:{statuses}。它的结果表和比较在“训练记录”页。",
    "The sweep stopped":
        "参数扫描已停止",
    "A sweep is training":
        "一个参数扫描正在训练",
    "Stop the sweep and close FitGen? The run in progress keeps a checkpoint, and "
    "Resume sweep continues the others later.":
        "停止参数扫描并关闭 FitGen 吗?正在进行的训练会保留检查点,之后可用“继续参数扫描”完成其余的训练。",
    "Sweep {name}":
        "参数扫描 {name}",
    "Compare all":
        "全部比较",
    "The sweep's runs side by side in the Compare runs tab, their curves overlaid "
    "(only the selected ones when two or more are selected).":
        "在“比较训练”页并排显示这个参数扫描的各次训练,曲线叠在一起(选中两次或更多时只显示选中的)。",
    "Resume sweep":
        "继续参数扫描",
    "Train the runs that did not finish (not started, stopped, failed or "
    "interrupted), each from its last checkpoint.":
        "训练没有完成的那些(未开始、已停止、失败或被中断),每次都从它最后的检查点继续。",
    "Close":
        "关闭",
    "Best epoch":
        "最佳轮次",
    "Final val accuracy":
        "最终验证集准确率",
    "Note":
        "备注",
    "{metric} {value}":
        "{metric} {value}",
    "Ranked by {metric}, lowest first.":
        "按 {metric} 排序,最低的在前。",
    "Ranked by {metric}, highest first.":
        "按 {metric} 排序,最高的在前。",
    "The runs monitor different metrics, so they are listed in the sweep's order, "
    "not ranked.":
        "这些训练监视的指标不同,所以按参数扫描的顺序列出,不排序。",
    "The runs are ranked by their monitored value once they have one.":
        "每次训练有了监视指标的值之后,就按它排序。",
    "{count} runs varying {keys}: {statuses}. {order} Folder: {folder}":
        "{count} 次训练,变化的设置为 {keys}:{statuses}。{order} 文件夹:{folder}",
})

# -- run statuses counted (ui/shell/engine_texts.status_counts) -----------------------------
TEXTS.update({
    "not started": "未开始",
    "interrupted": "被中断",
    "queued": "排队中",
    "{count} {status}": "{status} {count} 次",
    ", ": "、",
})
